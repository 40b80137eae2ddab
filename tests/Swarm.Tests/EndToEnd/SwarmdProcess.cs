using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

using Swarm.Tests.Support;

namespace Swarm.Tests.EndToEnd;

/// <summary>
/// The real swarmd binary, started with specs and an environment of the test's choosing, as a user runs it.
/// Ready once <c>/_ping</c> answers. Disposing sends SIGTERM, as Ctrl-C would, and records how it exited.
/// </summary>
internal sealed class SwarmdProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly ConcurrentQueue<string> _log = new();
    private int? _exitCode;

    private SwarmdProcess(Process process, int port)
    {
        _process = process;
        Port = port;
    }

    public int Port { get; }

    public string DockerHost => $"tcp://127.0.0.1:{Port}";

    public Uri HttpBase => new($"http://127.0.0.1:{Port}");

    /// <summary>Everything swarmd has logged so far (stderr).</summary>
    public string Log => string.Join('\n', _log);

    public int? ExitCode => _exitCode ?? (_process.HasExited ? _process.ExitCode : null);

    /// <summary>
    /// The swarmd under test: <c>SWARMD_BINARY</c> when set (scripts/test.sh points it at the Native AOT publish
    /// for its second pass), else the JIT build beside the tests.
    /// </summary>
    public static string Binary =>
        Environment.GetEnvironmentVariable("SWARMD_BINARY") is { Length: > 0 } binary
            ? Path.GetFullPath(binary)
            : Path.Combine(AppContext.BaseDirectory, "swarmd");

    /// <summary>
    /// Starts <c>swarmd 'dockerserver tcp://127.0.0.1:PORT' SPECS...</c> with exactly <paramref name="environment"/>
    /// as its OS_* variables, and waits until it answers /_ping.
    /// </summary>
    public static Task<SwarmdProcess> StartAsync(IReadOnlyDictionary<string, string> environment, int? fixedPort, params string[] backendSpecs)
    {
        var port = fixedPort ?? FreePort();
        string[] arguments = [fixedPort is null ? $"dockerserver tcp://127.0.0.1:{port}" : $"dockerserver tcp://localhost:{port}", .. backendSpecs];
        return StartProgramAsync(Binary, arguments, port, environment);
    }

    /// <summary>
    /// Starts <paramref name="program"/> (a swarmd) with <paramref name="arguments"/>, no OS_* variables but those of
    /// <paramref name="environment"/>, and waits until it answers /_ping on 127.0.0.1:<paramref name="port"/>.
    /// </summary>
    public static async Task<SwarmdProcess> StartProgramAsync(string program, IEnumerable<string> arguments, int port, IReadOnlyDictionary<string, string>? environment = null)
    {
        var start = ChildProcesses.StartInfo(program, arguments);
        start.RedirectStandardError = true;
        start.RedirectStandardOutput = true;

        foreach (var key in start.Environment.Keys.Where(k => k.StartsWith("OS_", StringComparison.Ordinal)).ToList())
        {
            start.Environment.Remove(key);
        }

        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[key] = value;
        }

        var process = ChildProcesses.Start(start);
        var swarmd = new SwarmdProcess(process, port);
        process.ErrorDataReceived += (_, e) => swarmd.Append(e.Data);
        process.OutputDataReceived += (_, e) => swarmd.Append(e.Data);
        process.BeginErrorReadLine();
        process.BeginOutputReadLine();
        try
        {
            await swarmd.WaitReadyAsync(TimeSpan.FromSeconds(60));
            return swarmd;
        }
        catch
        {
            // Nobody will dispose what was never returned.
            ChildProcesses.Kill(process);
            process.Dispose();
            throw;
        }
    }

    /// <summary>A free loopback TCP port.</summary>
    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>Sends <paramref name="signal"/> (TERM, INT, QUIT) and waits for the exit, failing with the log if it does not come.</summary>
    public async Task<int> SignalAndWaitAsync(string signal, TimeSpan timeout)
    {
        using (var kill = Process.Start("kill", ["-s", signal, _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
        {
            await kill.WaitForExitAsync();
        }

        using var cts = new CancellationTokenSource(timeout);
        try
        {
            await _process.WaitForExitAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException($"swarmd did not exit within {timeout.TotalSeconds} s of SIG{signal}:\n{Log}");
        }

        _exitCode = _process.ExitCode;
        return _exitCode.Value;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            using (var kill = Process.Start("kill", ["-TERM", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
            {
                await kill.WaitForExitAsync();
            }

            using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(60));
            try
            {
                await _process.WaitForExitAsync(cts.Token);
            }
            catch (OperationCanceledException)
            {
                ChildProcesses.Kill(_process);
            }
        }

        _exitCode = _process.ExitCode;
        ChildProcesses.Kill(_process);
        _process.Dispose();
    }

    private void Append(string? line)
    {
        if (line is not null)
        {
            _log.Enqueue(line);
        }
    }

    private async Task WaitReadyAsync(TimeSpan timeout)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"swarmd exited {_process.ExitCode} before answering /_ping:\n{Log}");
            }

            try
            {
                using var response = await http.GetAsync(new Uri(HttpBase, "/_ping"));
                if (response.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
            {
                // Not listening yet.
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"swarmd did not answer /_ping on port {Port} within {timeout.TotalSeconds} s:\n{Log}");
            }

            await Task.Delay(100);
        }
    }
}
