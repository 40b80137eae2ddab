using Microsoft.Extensions.DependencyInjection;
using System.Net.Http;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Authentication;
using Swarm.Tests.Support;

namespace Swarm.Tests.DockerServer;

/// <summary>The docker CLI over a unix socket and over mutual TLS, as dockerd serves them.</summary>
[Category("Clients")]
[NonParallelizable]
public sealed class DockerServerTransportTests
{
    [Test]
    public async Task UnixSocket_DockerCli_RunPsAndOwnerOnlySocket()
    {
        Clients.RequireDocker();
        var directory = Directory.CreateTempSubdirectory("swarm-unix-");
        var socket = Path.Combine(directory.FullName, "docker.sock");
        try
        {
            await using var host = await ChainHost.StartDockerServerAsync(listen: "unix://" + socket);
            using var docker = new DockerCli(host.DockerHost);

            Assert.That(host.DockerHost, Is.EqualTo("unix://" + socket));
            if (!OperatingSystem.IsWindows())
            {
                Assert.That(File.GetUnixFileMode(socket), Is.EqualTo(UnixFileMode.UserRead | UnixFileMode.UserWrite));
            }

            var run = await docker.RunAsync("run", "--name", "unix-echo", "cirros", "echo", "over unix");
            Assert.That((run.ExitCode, run.Stdout), Is.EqualTo((0, "over unix\n")), run.ToString());
            Assert.That((await docker.OkAsync("ps", "-a", "--format", "{{.Names}} {{.Status}}")).Stdout, Does.StartWith("unix-echo Exited (0)"));
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    [Test]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public async Task UnixSocket_FromItsCreation_NeverGroupOrWorldAccessible()
    {
        var directory = Directory.CreateTempSubdirectory("swarm-unix-");
        var socket = Path.Combine(directory.FullName, "docker.sock");
        var modes = new List<UnixFileMode>();
        var spinning = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var started = new CancellationTokenSource();
        var watching = Task.Factory.StartNew(
            () =>
            {
                // Looks at the socket as often as it can while the server starts: any moment counts.
                spinning.TrySetResult();
                while (!started.IsCancellationRequested)
                {
                    try
                    {
                        if (File.Exists(socket))
                        {
                            var mode = File.GetUnixFileMode(socket);
                            lock (modes)
                            {
                                modes.Add(mode);
                            }
                        }
                    }
                    catch (IOException)
                    {
                    }
                }
            },
            TaskCreationOptions.LongRunning);
        try
        {
            await WaitFor.TaskAsync(spinning.Task, "the watcher to start");
            await using var host = await ChainHost.StartDockerServerAsync(listen: "unix://" + socket);
            await WaitFor.ConditionAsync(
                () =>
                {
                    lock (modes)
                    {
                        return modes.Count > 0;
                    }
                },
                "the watcher to see the socket");
            await started.CancelAsync();
            await watching;

            Assert.That(modes.Distinct(), Has.All.Matches<UnixFileMode>(m => (m & (UnixFileMode)0b000_111_111) == 0));
            Assert.That(File.GetUnixFileMode(socket), Is.EqualTo(UnixFileMode.UserRead | UnixFileMode.UserWrite));
        }
        finally
        {
            await started.CancelAsync();
            await watching;
            directory.Delete(recursive: true);
        }
    }

    [Test]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public async Task PrivateStart_FileCreatedWhileStarting_BornOwnerOnly()
    {
        // What Kestrel's bind() of the socket sees: the mode a file gets when it is created during the start.
        var directory = Directory.CreateTempSubdirectory("swarm-unix-");
        try
        {
            var created = Path.Combine(directory.FullName, "born-during-start");
            var builder = Microsoft.Extensions.Hosting.Host.CreateEmptyApplicationBuilder(null);
            var socket = Path.Combine(directory.FullName, "docker.sock");
            builder.Services.AddSingleton<Microsoft.Extensions.Hosting.IHostedService>(new CreatesFiles(created, socket));
            using var app = builder.Build();
            var options = Swarm.Backends.DockerServer.DockerServerOptions.Parse(Swarm.Core.Backends.BackendSpec.Parse($"dockerserver unix://{socket}"));

            await Swarm.Backends.DockerServer.Hosting.PrivateSockets.StartAsync(app.StartAsync, options, CancellationToken.None);
            await app.StopAsync();

            Assert.That(File.GetUnixFileMode(created) & (UnixFileMode)0b000_111_111, Is.EqualTo((UnixFileMode)0), "a file created during the start has group or world bits");
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    [Test]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public void MakePrivate_SocketGone_FailsNamingIt()
    {
        var path = Path.Combine(Path.GetTempPath(), "swarm-nosuch-" + Guid.NewGuid().ToString("N") + ".sock");

        var error = Assert.Throws<Swarm.Core.Beam.BeamException>(() => Swarm.Backends.DockerServer.Hosting.PrivateSockets.MakePrivate(path));

        Assert.That(error!.Message, Does.Contain(path).And.Contain("owner-only"));
    }

    [Test]
    public async Task UnixSocket_StaleSocketFile_ReplacedOnStart()
    {
        var directory = Directory.CreateTempSubdirectory("swarm-unix-");
        var socket = Path.Combine(directory.FullName, "docker.sock");
        try
        {
            await (await ChainHost.StartDockerServerAsync(listen: "unix://" + socket)).DisposeAsync();
            File.WriteAllText(socket, "");

            await using var host = await ChainHost.StartDockerServerAsync(listen: "unix://" + socket);

            using var http = new HttpClient(new SocketsHttpHandler
            {
                ConnectCallback = async (_, ct) =>
                {
                    var s = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
                    await s.ConnectAsync(new UnixDomainSocketEndPoint(socket), ct);
                    return new NetworkStream(s, ownsSocket: true);
                },
            });
            Assert.That(await http.GetStringAsync("http://docker/_ping"), Is.EqualTo("OK"));
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    [Test]
    public async Task MutualTls_DockerCliWithClientCertificate_Works()
    {
        Clients.RequireDocker();
        using var pki = TestCertificates.Create();
        await using var host = await StartTlsAsync(pki);
        using var docker = new DockerCli(host.DockerHost, new Dictionary<string, string?>
        {
            ["DOCKER_TLS_VERIFY"] = "1",
            ["DOCKER_CERT_PATH"] = pki.Directory,
        });

        var run = await docker.RunAsync("run", "--name", "tls-echo", "cirros", "echo", "over tls");

        Assert.That((run.ExitCode, run.Stdout), Is.EqualTo((0, "over tls\n")), run.ToString());
        Assert.That((await docker.OkAsync("version", "--format", "{{.Server.APIVersion}}")).Stdout, Is.EqualTo("1.50\n"));
    }

    [Test]
    public async Task MutualTls_NoOrForeignClientCertificate_Refused()
    {
        using var pki = TestCertificates.Create();
        await using var host = await StartTlsAsync(pki);
        var url = new Uri("https://127.0.0.1:" + new Uri(host.DockerHost.Replace("tcp://", "http://", StringComparison.Ordinal)).Port + "/_ping");

        Assert.That(await PingAsync(url, pki, null), Is.False, "a client without a certificate was served");
        Assert.That(await PingAsync(url, pki, pki.StrangerCertificate), Is.False, "a client certificate from another CA was accepted");
        using var own = pki.LoadClientCertificate();
        Assert.That(await PingAsync(url, pki, own), Is.True, "the CA-issued client certificate was refused");
    }

    private static Task<ChainHost> StartTlsAsync(TestCertificates pki) => ChainHost.StartDockerServerAsync(
        listen: $"tcp://127.0.0.1:0 --tlsverify --tlscacert={pki.CaFile} --tlscert={pki.ServerCertFile} --tlskey={pki.ServerKeyFile}");

    private static async Task<bool> PingAsync(Uri url, TestCertificates pki, System.Security.Cryptography.X509Certificates.X509Certificate2? client)
    {
        using var handler = new SocketsHttpHandler
        {
            SslOptions = new SslClientAuthenticationOptions
            {
                RemoteCertificateValidationCallback = (_, _, _, _) => true,
                ClientCertificates = client is null ? null : [client],
            },
        };
        using var http = new HttpClient(handler) { Timeout = TimeSpan.FromSeconds(10) };
        try
        {
            return await http.GetStringAsync(url) == "OK";
        }
        catch (HttpRequestException)
        {
            return false;
        }
        catch (AuthenticationException)
        {
            return false;
        }
    }

    // Stands in for Kestrel binding the socket (the second file) during the start.
    private sealed class CreatesFiles(params string[] paths) : Microsoft.Extensions.Hosting.IHostedService
    {
        public Task StartAsync(CancellationToken cancellationToken)
        {
            foreach (var path in paths)
            {
                File.WriteAllText(path, "");
            }

            return Task.CompletedTask;
        }

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
