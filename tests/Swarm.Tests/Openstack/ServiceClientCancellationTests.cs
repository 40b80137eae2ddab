using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Logging.Abstractions;
using Swarm.Backends.Openstack.Http;
using Swarm.Tests.Support;

namespace Swarm.Tests.Openstack;

/// <summary>
/// A request its caller cancels while the service has not answered: against a real socket that accepts and never
/// answers (Flurl's HttpTest does not watch the token).
/// </summary>
public sealed class ServiceClientCancellationTests
{
    [Test]
    public async Task Send_CallerCancelsWhileTheServiceIsSilent_OperationCanceledNotAnHttpError()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        using var client = new ServiceClient("Nova", $"http://127.0.0.1:{port}", null, new RetryPolicy { RequestTimeout = TimeSpan.FromMinutes(2) }, NullLogger.Instance);
        using var cts = new CancellationTokenSource();

        var sent = client.GetAsync(client.Url("servers", "detail"), cts.Token);
        using var accepted = await WaitFor.TaskAsync(listener.AcceptTcpClientAsync(), "the request's connection", TimeSpan.FromSeconds(30));
        await cts.CancelAsync();
        var ex = Assert.CatchAsync(async () => await sent);

        Assert.That(ex, Is.InstanceOf<OperationCanceledException>(), ex!.ToString());
        Assert.That(((OperationCanceledException)ex).CancellationToken, Is.EqualTo(cts.Token));
    }
}
