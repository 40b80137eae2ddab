using System.Net;
using System.Text;
using System.Text.Json;
using Swarm.Core.Backends;
using Swarm.Core.Backends.Simulator;
using Swarm.Core.Containers;
using Swarm.Tests.Support;

namespace Swarm.Tests.DockerServer;

/// <summary>
/// The limits dockerserver sets on Kestrel (docs/dockerserver.md, "Limits") and what a client gets beyond each.
/// </summary>
[NonParallelizable]
public sealed class DockerServerLimitsTests
{
    [Test]
    public async Task Connections_OverMaxConnections_ClosedUnansweredUntilOneLeaves()
    {
        await using var host = await ChainHost.StartDockerServerAsync(listen: "tcp://127.0.0.1:0 --max-connections=2");
        await using var first = await PingedConnectionAsync(host);
        await using var second = await PingedConnectionAsync(host);

        await using (var third = await RawHttp.ConnectAsync(host.HttpBase))
        {
            await third.SendAsync("GET /_ping HTTP/1.1\r\nHost: x\r\n\r\n");
            await third.ReadToEndAsync("the third connection to be closed");
            Assert.That(third.Received, Is.Empty, "a connection over the limit was answered");
        }

        first.Close();
        await WaitFor.ConditionAsync(async () => await PingsAsync(host), "a new connection to be served once one of the two has left");
    }

    [Test]
    public async Task RequestLine_Over8KiB_414()
    {
        await using var host = await ChainHost.StartDockerServerAsync();
        using var http = new HttpClient { BaseAddress = host.HttpBase };

        using var response = await http.GetAsync("/containers/json?filters=" + new string('x', 9000));

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.RequestUriTooLong));
    }

    [Test]
    public async Task Headers_Over32KiB_431()
    {
        await using var host = await ChainHost.StartDockerServerAsync();
        using var http = new HttpClient { BaseAddress = host.HttpBase };
        using var request = new HttpRequestMessage(HttpMethod.Get, "/_ping");
        request.Headers.Add("X-Registry-Auth", new string('a', 33 * 1024));

        using var response = await http.SendAsync(request);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.RequestHeaderFieldsTooLarge));
    }

    [Test]
    public async Task Headers_Over100_431()
    {
        await using var host = await ChainHost.StartDockerServerAsync();
        using var http = new HttpClient { BaseAddress = host.HttpBase };
        using var request = new HttpRequestMessage(HttpMethod.Get, "/_ping");
        for (var i = 0; i < 101; i++)
        {
            request.Headers.Add($"X-H{i}", "v");
        }

        using var response = await http.SendAsync(request);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.RequestHeaderFieldsTooLarge));
    }

    [Test]
    public async Task CreateBody_ChunkedOver1MiB_400TooLarge()
    {
        await using var host = await ChainHost.StartDockerServerAsync();
        using var http = new HttpClient { BaseAddress = host.HttpBase };
        var body = "{\"Image\":\"cirros\",\"Env\":[\"X=" + new string('x', 1_100_000) + "\"]}";
        using var content = new StreamContent(new MemoryStream(Encoding.UTF8.GetBytes(body)));
        content.Headers.ContentType = new("application/json");
        using var request = new HttpRequestMessage(HttpMethod.Post, "/containers/create") { Content = content };
        request.Headers.TransferEncodingChunked = true;

        using var response = await http.SendAsync(request);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("message").GetString(),
            Is.EqualTo("request body is too large: the limit is 1 MiB"));
    }

    [Test]
    public async Task IgnoredBody_Over8MiB_AnsweredThenClosed()
    {
        await using var host = await ChainHost.StartDockerServerAsync();
        await using var raw = await RawHttp.ConnectAsync(host.HttpBase);

        // The route answers without reading the body; Kestrel then would drain 9 MiB, which is over its bound.
        await raw.SendAsync($"POST /containers/nosuch/start HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: {9 * 1024 * 1024}\r\n\r\n");
        Assert.That(await raw.ReadToEndAsync("the answer and the close"), Is.True, "closed cleanly");

        Assert.That(raw.Received, Does.StartWith("HTTP/1.1 404 "));
        Assert.That(raw.Received, Does.Contain("No such container: nosuch"));
    }

    [Test]
    public async Task Requests_OverTheBackendsInFlightLimit_503NamingTheLimitThenServedAgain()
    {
        await using var host = await ChainHost.StartAsync(b => b.AddBackend(new NarrowSimulator()), "dockerserver tcp://127.0.0.1:0", NarrowSimulator.BackendName);
        using var http = new HttpClient { BaseAddress = host.HttpBase, Timeout = Timeout.InfiniteTimeSpan };
        using var created = await http.PostAsync("/containers/create", new StringContent("""{"Image":"cirros","Cmd":["sleep","3600"]}""", Encoding.UTF8, "application/json"));
        var id = JsonDocument.Parse(await created.Content.ReadAsStringAsync()).RootElement.GetProperty("Id").GetString();
        (await http.PostAsync($"/containers/{id}/start", null)).EnsureSuccessStatusCode();

        // Two clients wait on the running container (docker wait): the backend's two slots are taken.
        using var waits = new CancellationTokenSource();
        var waiting = Enumerable.Range(0, 2).Select(_ => http.PostAsync($"/containers/{id}/wait", null, waits.Token)).ToList();
        string? refusal = null;
        await WaitFor.ConditionAsync(
            async () =>
            {
                using var response = await http.GetAsync("/containers/json");
                refusal = response.StatusCode == HttpStatusCode.ServiceUnavailable ? await response.Content.ReadAsStringAsync() : null;
                return refusal is not null;
            },
            "a listing refused while both waits hold the backend");

        Assert.That(JsonDocument.Parse(refusal!).RootElement.GetProperty("message").GetString(), Is.EqualTo("narrow is busy: 2 requests are running; try again later"));
        await waits.CancelAsync();
        Assert.That(async () => await Task.WhenAll(waiting), Throws.InstanceOf<OperationCanceledException>());
        await WaitFor.ConditionAsync(async () => (await http.GetAsync("/containers/json")).IsSuccessStatusCode, "the listing served again once the waiting clients left");
    }

    private static async Task<RawHttp> PingedConnectionAsync(ChainHost host)
    {
        var raw = await RawHttp.ConnectAsync(host.HttpBase);
        await raw.SendAsync("GET /_ping HTTP/1.1\r\nHost: x\r\n\r\n");
        await raw.ReadUntilAsync("OK", "a ping on a kept-alive connection");
        return raw;
    }

    private static async Task<bool> PingsAsync(ChainHost host)
    {
        await using var raw = await RawHttp.ConnectAsync(host.HttpBase);
        await raw.SendAsync("GET /_ping HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
        await raw.ReadToEndAsync("a ping");
        return raw.Received.EndsWith("OK", StringComparison.Ordinal);
    }

    /// <summary>A simulator whose instance runs at most two requests at once.</summary>
    private sealed class NarrowSimulator : IBackend
    {
        public const string BackendName = "narrow";

        public string Name => BackendName;

        public string Description => "a simulator with two request slots";

        public string Usage => BackendName;

        public IBackendInstance Create(BackendContext context) =>
            new RouterInstance(ContainerHostRouter.Create(new SimulatorHost(new SimulatorOptions { Name = BackendName }, TimeProvider.System), null, maxInFlight: 2));
    }
}
