using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using Swarm.Tests.EndToEnd;
using Swarm.Tests.Support;

namespace Swarm.Tests.Swarmd;

/// <summary>
/// swarmd as a service manager runs it (docs/service.md): the real binary (the Native AOT one in test.sh's second
/// pass), ready when <c>/_ping</c> answers, stopped by a signal, logging JSON for a collector.
/// </summary>
[NonParallelizable]
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class SwarmdServiceTests
{
    private static readonly TimeSpan StopLimit = TimeSpan.FromSeconds(30);

    [TestCase("INT")]
    [TestCase("TERM")]
    [TestCase("QUIT")]
    public async Task Process_Signal_StopsTheChainAndExitsZero(string signal)
    {
        var port = SwarmdProcess.FreePort();
        await using var swarmd = await SwarmdProcess.StartProgramAsync(
            SwarmdProcess.Binary, [$"dockerserver tcp://127.0.0.1:{port}", "debug", "simulator"], port);

        var code = await swarmd.SignalAndWaitAsync(signal, StopLimit);

        Assert.That(code, Is.Zero, swarmd.Log);
        Assert.That(swarmd.Log, Does.Contain($"Stopping on SIG{signal}").And.Contain("Stopped"));
    }

    [Test]
    public async Task Process_PortTaken_OneLineAndExitsOne()
    {
        using var taken = new TcpListener(System.Net.IPAddress.Loopback, 0);
        taken.Start();
        var port = ((System.Net.IPEndPoint)taken.LocalEndpoint).Port;

        var run = await Cli.RunAsync(SwarmdProcess.Binary, [$"dockerserver tcp://127.0.0.1:{port}", "simulator"], timeout: StopLimit);

        Assert.That(run.ExitCode, Is.EqualTo(1), run.ToString());
        Assert.That(run.Stderr, Does.Contain($"swarmd: dockerserver cannot listen on tcp://127.0.0.1:{port}"));
        Assert.That(run.Stderr, Does.Not.Contain("Running"), "a chain that did not start is never reported running");
    }

    [Test]
    public async Task Process_SigtermWithUnixSocket_RemovesTheSocketAndExitsZero()
    {
        var directory = Directory.CreateTempSubdirectory("swarmd-service-");
        try
        {
            var socket = Path.Combine(directory.FullName, "swarmd.sock");
            var port = SwarmdProcess.FreePort();
            await using var swarmd = await SwarmdProcess.StartProgramAsync(
                SwarmdProcess.Binary, [$"dockerserver unix://{socket} tcp://127.0.0.1:{port}", "simulator"], port);
            Assert.That(File.GetUnixFileMode(socket), Is.EqualTo(UnixFileMode.UserRead | UnixFileMode.UserWrite), "the socket is owner-only while swarmd runs");

            var code = await swarmd.SignalAndWaitAsync("TERM", StopLimit);

            Assert.That(code, Is.Zero, swarmd.Log);
            Assert.That(File.Exists(socket), Is.False, "swarmd should remove its unix socket when it stops");
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    [Test]
    public async Task Process_LogFormatJson_EveryLineIsOneJsonObject()
    {
        var port = SwarmdProcess.FreePort();
        await using var swarmd = await SwarmdProcess.StartProgramAsync(
            SwarmdProcess.Binary, ["--log-format", "json", $"dockerserver tcp://127.0.0.1:{port}", "simulator"], port);
        Assert.That(await swarmd.SignalAndWaitAsync("TERM", StopLimit), Is.Zero, swarmd.Log);

        var entries = swarmd.Log.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(line => JsonDocument.Parse(line).RootElement).ToList();

        Assert.That(entries, Has.Count.GreaterThanOrEqualTo(3), swarmd.Log);
        Assert.That(entries.Select(e => e.GetProperty("Timestamp").GetString()), Has.All.Match(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$"));
        Assert.That(entries.Select(e => e.GetProperty("LogLevel").GetString()), Has.All.Not.Null);
        var listening = entries.Single(e => e.GetProperty("Category").GetString() == "Swarm.DockerServer" && e.GetProperty("EventId").GetInt32() == 300);
        Assert.That(listening.GetProperty("State").GetProperty("Address").GetString(), Is.EqualTo($"tcp://127.0.0.1:{port}"));
        Assert.That(entries.Select(e => e.GetProperty("Message").GetString()), Has.Some.EqualTo("Stopping on SIGTERM"));
    }

    [Test]
    public async Task Process_NotifySocket_ReadyOnceListeningThenStopping()
    {
        var directory = Directory.CreateTempSubdirectory("swarmd-notify-");
        try
        {
            var path = Path.Combine(directory.FullName, "notify.sock");
            using var notify = new Socket(AddressFamily.Unix, SocketType.Dgram, ProtocolType.Unspecified);
            notify.Bind(new UnixDomainSocketEndPoint(path));
            var port = SwarmdProcess.FreePort();
            await using var swarmd = await SwarmdProcess.StartProgramAsync(
                SwarmdProcess.Binary, [$"dockerserver tcp://127.0.0.1:{port}", "simulator"], port, new Dictionary<string, string> { ["NOTIFY_SOCKET"] = path });

            var ready = await ReceiveAsync(notify, "READY=1 from swarmd");
            var code = await swarmd.SignalAndWaitAsync("TERM", StopLimit);
            var stopping = await ReceiveAsync(notify, "STOPPING=1 from swarmd");

            Assert.That((ready, stopping, code), Is.EqualTo(("READY=1", "STOPPING=1", 0)), swarmd.Log);
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    private static async Task<string> ReceiveAsync(Socket socket, string what)
    {
        var buffer = new byte[256];
        var receive = socket.ReceiveAsync(buffer, SocketFlags.None);
        await WaitFor.TaskAsync(receive, what);
        return Encoding.UTF8.GetString(buffer, 0, await receive);
    }
}
