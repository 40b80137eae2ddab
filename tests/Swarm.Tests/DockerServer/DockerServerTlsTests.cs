using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using Swarm.Backends.DockerServer;
using Swarm.Backends.DockerServer.Hosting;
using Swarm.Core.Backends;
using Swarm.Tests.Support;

namespace Swarm.Tests.DockerServer;

/// <summary>TLS as dockerserver serves it: TLS 1.2 and up, nothing fetched while checking a client, a warning when anyone is served.</summary>
[NonParallelizable]
public sealed class DockerServerTlsTests
{
    [Test]
    public async Task Tls_WithoutVerifyOnEveryInterface_WarnsThatAnyClientIsServed()
    {
        using var pki = TestCertificates.Create();
        var logs = new LogCapture();

        await using var host = await ChainHost.StartDockerServerAsync(listen: $"tcp://0.0.0.0:0 --tls --tlscert={pki.ServerCertFile} --tlskey={pki.ServerKeyFile}", logs: logs);

        Assert.That(logs.Entries.Where(e => e.Category == "Swarm.DockerServer" && e.EventId == 306).Select(e => e.Message),
            Has.One.Contains("tcp://0.0.0.0:0").And.Contains("without --tlsverify"));
    }

    [Test]
    public async Task TlsVerifyOnEveryInterface_Always_NoWarning()
    {
        using var pki = TestCertificates.Create();
        var logs = new LogCapture();

        await using var host = await ChainHost.StartDockerServerAsync(
            listen: $"tcp://0.0.0.0:0 --tlsverify --tlscacert={pki.CaFile} --tlscert={pki.ServerCertFile} --tlskey={pki.ServerKeyFile}", logs: logs);

        Assert.That(logs.Problems, Is.Empty);
    }

    [Test]
    public void Https_Options_Tls12AndUpNoOnlineRevocation()
    {
        using var pki = TestCertificates.Create();
        var tls = DockerServerOptions.Parse(BackendSpec.Parse($"dockerserver --tlsverify --tlscacert={pki.CaFile} --tlscert={pki.ServerCertFile} --tlskey={pki.ServerKeyFile}")).Tls!;

        var https = KestrelHost.Https(tls);

        Assert.That(https.SslProtocols, Is.EqualTo(SslProtocols.Tls12 | SslProtocols.Tls13));
        Assert.That(https.CheckCertificateRevocation, Is.False);
    }

    [TestCase(SslProtocols.Tls12, true)]
    [TestCase(SslProtocols.Tls13, true)]
#pragma warning disable SYSLIB0039 // the point is to offer an old protocol
    [TestCase(SslProtocols.Tls11, false)]
#pragma warning restore SYSLIB0039
    public async Task MutualTls_ClientProtocol_OnlyTls12AndUp(SslProtocols protocol, bool served)
    {
        using var pki = TestCertificates.Create();
        await using var host = await StartVerifyingAsync(pki);
        using var client = pki.LoadClientCertificate();

        Assert.That(await HandshakeAsync(host, client, protocol), Is.EqualTo(served));
    }

    [Test]
    public async Task MutualTls_ClientCertFromUnsentIntermediate_RefusedWithoutFetchingAnything()
    {
        using var pki = TestCertificates.Create();
        await using var fetches = await FetchRecorder.StartAsync();
        var (client, intermediate) = pki.IssueViaUnsentIntermediate(fetches.Base);
        fetches.Serve(intermediate);
        await using var host = await StartVerifyingAsync(pki);

        using (client)
        {
            Assert.That(await HandshakeAsync(host, client, SslProtocols.None), Is.False, "a client whose chain was completed from a URL it chose was served");
        }

        Assert.That(fetches.Requests, Is.Empty, "dockerserver fetched URLs named by a client certificate");
    }

    [Test]
    public async Task MutualTls_ClientSendsItsIntermediate_Served()
    {
        using var pki = TestCertificates.Create();
        await using var fetches = await FetchRecorder.StartAsync();
        var (client, intermediateDer) = pki.IssueViaUnsentIntermediate(fetches.Base);
        using var intermediate = X509CertificateLoader.LoadCertificate(intermediateDer);
        await using var host = await StartVerifyingAsync(pki);

        using (client)
        {
            Assert.That(await HandshakeAsync(host, client, SslProtocols.None, intermediate), Is.True, "a client sending its whole chain was refused");
        }

        Assert.That(fetches.Requests, Is.Empty);
    }

    private static Task<ChainHost> StartVerifyingAsync(TestCertificates pki) => ChainHost.StartDockerServerAsync(
        listen: $"tcp://127.0.0.1:0 --tlsverify --tlscacert={pki.CaFile} --tlscert={pki.ServerCertFile} --tlskey={pki.ServerKeyFile}");

    // A TLS handshake and one /_ping; false if either is refused.
    private static async Task<bool> HandshakeAsync(ChainHost host, X509Certificate2 client, SslProtocols protocol, X509Certificate2? intermediate = null)
    {
        var port = new Uri(host.DockerHost.Replace("tcp://", "http://", StringComparison.Ordinal)).Port;
        using var tcp = new TcpClient();
        await tcp.ConnectAsync(IPAddress.Loopback, port);
        await using var ssl = new SslStream(tcp.GetStream());
        try
        {
            await ssl.AuthenticateAsClientAsync(new SslClientAuthenticationOptions
            {
                TargetHost = "localhost",
                EnabledSslProtocols = protocol,
                ClientCertificateContext = SslStreamCertificateContext.Create(client, intermediate is null ? null : [intermediate], offline: true),
                RemoteCertificateValidationCallback = (_, _, _, _) => true,
            });
            await ssl.WriteAsync(Encoding.ASCII.GetBytes("GET /_ping HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"));
            using var reader = new StreamReader(ssl);
            var answer = await reader.ReadToEndAsync().WaitAsync(WaitFor.DefaultTimeout);
            return answer.StartsWith("HTTP/1.1 200", StringComparison.Ordinal);
        }
        catch (Exception ex) when (ex is AuthenticationException or IOException)
        {
            return false;
        }
    }

    /// <summary>A loopback HTTP server that records every request and answers with one fixed body.</summary>
    private sealed class FetchRecorder : IAsyncDisposable
    {
        private readonly TcpListener _listener;
        private readonly CancellationTokenSource _stop = new();
        private readonly List<string> _requests = [];
        private byte[] _body = [];
        private Task _serving = Task.CompletedTask;

        private FetchRecorder(TcpListener listener) => _listener = listener;

        public Uri Base => new($"http://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}/");

        public IReadOnlyList<string> Requests
        {
            get
            {
                lock (_requests)
                {
                    return [.. _requests];
                }
            }
        }

        public static Task<FetchRecorder> StartAsync()
        {
            var listener = new TcpListener(IPAddress.Loopback, 0);
            listener.Start();
            var recorder = new FetchRecorder(listener);
            recorder._serving = recorder.ServeAsync();
            return Task.FromResult(recorder);
        }

        public void Serve(byte[] body) => _body = body;

        public async ValueTask DisposeAsync()
        {
            await _stop.CancelAsync();
            _listener.Stop();
            try
            {
                await _serving;
            }
            catch (Exception ex) when (ex is OperationCanceledException or SocketException or ObjectDisposedException)
            {
            }

            _stop.Dispose();
        }

        private async Task ServeAsync()
        {
            while (!_stop.IsCancellationRequested)
            {
                using var client = await _listener.AcceptTcpClientAsync(_stop.Token);
                var stream = client.GetStream();
                var reader = new StreamReader(stream, Encoding.ASCII);
                var line = await reader.ReadLineAsync(_stop.Token);
                lock (_requests)
                {
                    _requests.Add(line ?? "");
                }

                while (!string.IsNullOrEmpty(await reader.ReadLineAsync(_stop.Token)))
                {
                }

                var head = Encoding.ASCII.GetBytes($"HTTP/1.1 200 OK\r\nContent-Type: application/pkix-cert\r\nContent-Length: {_body.Length}\r\nConnection: close\r\n\r\n");
                await stream.WriteAsync(head, _stop.Token);
                await stream.WriteAsync(_body, _stop.Token);
            }
        }
    }
}
