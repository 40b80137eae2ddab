using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Swarm.Tests.Support;

namespace Swarm.Tests.DockerServer.Fuzz;

/// <summary>
/// Random requests (<see cref="DockerRequestGenerator"/>) against a real <c>dockerserver tcp://127.0.0.1:0</c> +
/// simulator over real sockets, for a time budget: no 5xx but 501 and 505 (a client mistake is never the server's
/// failure; 505 is HTTP's own answer to an unknown protocol version, as dockerd gives it), no hang (every request answered or closed within a bound), nothing logged as a failure, the server
/// still answering, and the GC heap back near where it started once the containers the fuzz made are removed.
/// The seed is fixed; <c>SWARM_FUZZ_SECONDS</c> (default 60) and <c>SWARM_FUZZ_SEED</c> change the run.
/// </summary>
[Category("Fuzz")]
[NonParallelizable]
public sealed class DockerApiFuzzTests
{
    private const int Workers = 2;
    private static readonly TimeSpan HeadBound = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan BodyBound = TimeSpan.FromSeconds(10);

    [Test]
    public async Task RandomRequests_TimeBudget_NoServerFailureNoHangBoundedMemory()
    {
        var seconds = int.TryParse(Environment.GetEnvironmentVariable("SWARM_FUZZ_SECONDS"), CultureInfo.InvariantCulture, out var s) ? s : 60;
        var seed = int.TryParse(Environment.GetEnvironmentVariable("SWARM_FUZZ_SEED"), CultureInfo.InvariantCulture, out var given) ? given : 20261201;
        var logs = new LogCapture(LogLevel.Warning);
        await using var host = await ChainHost.StartDockerServerAsync(logs: logs);
        var known = new KnownContainers();
        var failures = new List<string>();
        var tried = 0;
        var statuses = new Dictionary<int, int>();

        using (var http = new HttpClient { BaseAddress = host.HttpBase, Timeout = TimeSpan.FromSeconds(30) })
        {
            await CleanUpAsync(http, known);
        }

        var before = Heap();
        var peak = before;
        long warm = 0;
        var clock = Stopwatch.StartNew();
        var budget = TimeSpan.FromSeconds(seconds);
        var warmUp = Task.Run(async () =>
        {
            // Once caches and pools have filled (a third of the budget), the heap should stay where it is.
            await Task.Delay(budget / 3);
            using var http = new HttpClient { BaseAddress = host.HttpBase, Timeout = TimeSpan.FromSeconds(30) };
            await CleanUpAsync(http, known);
            warm = Heap();
        });
        await Task.WhenAll(Enumerable.Range(0, Workers).Select(async worker =>
        {
            var generator = new DockerRequestGenerator(seed + worker, known.Snapshot);
            using var http = new HttpClient { BaseAddress = host.HttpBase, Timeout = TimeSpan.FromSeconds(30) };
            var mine = 0;
            while (clock.Elapsed < budget)
            {
                var request = generator.Next();
                var (status, problem) = await SendAsync(host.HttpBase, request);
                lock (failures)
                {
                    tried++;
                    statuses[status] = statuses.GetValueOrDefault(status) + 1;
                    if (problem is not null)
                    {
                        failures.Add($"{problem} <- {request}");
                    }
                }

                if (++mine % 200 == 0)
                {
                    await CleanUpAsync(http, known);
                    var heap = GC.GetTotalMemory(false);
                    lock (failures)
                    {
                        peak = Math.Max(peak, heap);
                    }
                }
                else if (mine % 20 == 0)
                {
                    await known.RefreshAsync(http);
                }
            }
        }));

        await warmUp;
        using (var http = new HttpClient { BaseAddress = host.HttpBase, Timeout = TimeSpan.FromSeconds(30) })
        {
            await CleanUpAsync(http, known);
            using var ping = await http.GetAsync("/_ping");
            Assert.That(ping.StatusCode, Is.EqualTo(HttpStatusCode.OK), "dockerserver stopped answering");
        }

        var after = Heap();
        var problems = logs.Problems.Select(e => e.ToString()).Distinct().ToList();
        var report = string.Create(
            CultureInfo.InvariantCulture,
            $"fuzz: seed {seed}, {tried} inputs in {clock.Elapsed.TotalSeconds:0} s, {failures.Count} failures, {problems.Count} problem log lines; "
            + $"GC heap {before / 1048576.0:0.0} MiB before, {warm / 1048576.0:0.0} MiB warm, {after / 1048576.0:0.0} MiB after, peak {Math.Max(peak, after) / 1048576.0:0.0} MiB; "
            + $"statuses {string.Join(", ", statuses.OrderBy(p => p.Key).Select(p => $"{(p.Key == 0 ? "none" : p.Key)}:{p.Value}"))}");
        TestContext.Out.WriteLine(report);
        await TestContext.Progress.WriteLineAsync(report);
        foreach (var line in failures.Take(30).Concat(problems.Take(30)))
        {
            await TestContext.Progress.WriteLineAsync("fuzz problem: " + line);
        }

        Assert.That(failures, Is.Empty, string.Join("\n", failures.Take(30)));
        Assert.That(problems, Is.Empty, string.Join("\n", problems.Take(30)));
        Assert.That(after - warm, Is.LessThan(32L * 1024 * 1024), "the heap grew after warm-up: " + report);
    }

    // Sends one input on its own connection; the status seen (0: none) and what was wrong, if anything.
    private static async Task<(int Status, string? Problem)> SendAsync(Uri server, FuzzRequest request)
    {
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        await socket.ConnectAsync(new IPEndPoint(IPAddress.Loopback, server.Port));
        try
        {
            await socket.SendAsync(request.Bytes, SocketFlags.None);
        }
        catch (SocketException)
        {
            // The server answered and closed before taking everything (an oversized head or body): read what it said.
        }

        switch (request.Ending)
        {
            case FuzzEnding.Close:
                return (0, null);
            case FuzzEnding.Reset:
                socket.LingerState = new LingerOption(true, 0);
                return (0, null);
            case FuzzEnding.HalfClose:
                TryShutdown(socket);
                break;
        }

        var received = new List<byte>();
        var buffer = new byte[16384];
        using var headLimit = new CancellationTokenSource(request.MayWaitForHead ? TimeSpan.FromMilliseconds(300) : HeadBound);
        var headEnd = -1;
        try
        {
            while (headEnd < 0)
            {
                var read = await socket.ReceiveAsync(buffer, SocketFlags.None, headLimit.Token);
                if (read == 0)
                {
                    return (0, null);
                }

                received.AddRange(buffer.AsSpan(0, read));
                headEnd = IndexOf(received, "\r\n\r\n"u8);
            }
        }
        catch (SocketException)
        {
            return (0, null);
        }
        catch (OperationCanceledException)
        {
            return request.MayWaitForHead ? (0, null) : (0, $"no answer within {HeadBound.TotalSeconds} s");
        }

        var head = Encoding.ASCII.GetString([.. received.Take(headEnd)]);
        var status = int.TryParse(head.AsSpan(9, 3), NumberStyles.None, CultureInfo.InvariantCulture, out var code) ? code : -1;
        if (status is >= 500 and not (501 or 505))
        {
            return (status, $"{status}: {Encoding.UTF8.GetString([.. received.Skip(headEnd + 4).Take(500)])}");
        }

        if (status == 200 && IsJsonError(received, headEnd))
        {
            return (status, "200 with an error body");
        }

        // A stream (101, chunked, no length) may go on as long as the container or the server: leave after a moment,
        // as a client does. A body with a length must arrive whole.
        var streaming = status == 101 || head.Contains("Transfer-Encoding: chunked", StringComparison.OrdinalIgnoreCase)
            || !head.Contains("Content-Length:", StringComparison.OrdinalIgnoreCase);
        using var bodyLimit = new CancellationTokenSource(streaming ? TimeSpan.FromMilliseconds(200) : BodyBound);
        try
        {
            while (await socket.ReceiveAsync(buffer, SocketFlags.None, bodyLimit.Token) > 0)
            {
            }
        }
        catch (SocketException)
        {
        }
        catch (OperationCanceledException)
        {
            if (!streaming)
            {
                return (status, $"{status} whose body did not end within {BodyBound.TotalSeconds} s");
            }
        }

        return (status, null);
    }

    private static bool IsJsonError(List<byte> received, int headEnd)
    {
        var body = Encoding.UTF8.GetString([.. received.Skip(headEnd + 4)]);
        return body.StartsWith("{\"message\":", StringComparison.Ordinal);
    }

    private static void TryShutdown(Socket socket)
    {
        try
        {
            socket.Shutdown(SocketShutdown.Send);
        }
        catch (SocketException)
        {
        }
    }

    private static int IndexOf(List<byte> bytes, ReadOnlySpan<byte> pattern)
    {
        for (var i = 0; i + pattern.Length <= bytes.Count; i++)
        {
            var match = true;
            for (var j = 0; j < pattern.Length && match; j++)
            {
                match = bytes[i + j] == pattern[j];
            }

            if (match)
            {
                return i;
            }
        }

        return -1;
    }

    // As a user does between runs: every container removed, forcibly.
    private static async Task CleanUpAsync(HttpClient http, KnownContainers known)
    {
        await known.RefreshAsync(http);
        foreach (var id in known.Snapshot().Where(i => i.Length == 64))
        {
            (await http.DeleteAsync($"/containers/{id}?force=1")).Dispose();
        }

        await known.RefreshAsync(http);
    }

    private static long Heap()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        return GC.GetTotalMemory(true);
    }

    /// <summary>The containers the fuzz can name: ids and names of what exists.</summary>
    private sealed class KnownContainers
    {
        private volatile IReadOnlyList<string> _names = [];

        public IReadOnlyList<string> Snapshot() => _names;

        public async Task RefreshAsync(HttpClient http)
        {
            var list = JsonDocument.Parse(await http.GetStringAsync("/containers/json?all=1")).RootElement;
            _names = [.. list.EnumerateArray().SelectMany(c => new[] { c.GetProperty("Id").GetString()! }.Concat(c.GetProperty("Names").EnumerateArray().Select(n => n.GetString()!.TrimStart('/'))))];
        }
    }
}
