using System.Diagnostics;
using Swarm.Core.Beam;

namespace Swarm.Benchmarks.Beam;

/// <summary>
/// A cheap profile of a round trip, for where BenchmarkDotNet's numbers need explaining: thread-pool work
/// items, bytes allocated (process-wide) and Gen0 collections per round trip, and the mean time, for the raw
/// ping-pong and each Beam chain. Run with <c>-- --handoffs</c>.
/// </summary>
internal static class HandOffProfile
{
    private const int RoundTrips = 50_000;
    private const int Rounds = 7;

    public static async Task RunAsync(TextWriter output)
    {
        using var neverFires = new CancellationTokenSource();
        foreach (var cancellable in new[] { false, true })
        {
            var token = cancellable ? neverFires.Token : CancellationToken.None;
            output.WriteLine($"cancellable={cancellable}");
            await using (var raw = new RawPingPong())
            {
                var payload = new object();
                await MeasureAsync(output, "raw channel ping-pong", async () =>
                {
                    raw.Requests.TryWrite(payload);
                    await raw.Replies.ReadAsync(token);
                });
            }

            foreach (var (hops, kind) in new[] { (1, HopKind.Router), (2, HopKind.Router), (3, HopKind.Router), (2, HopKind.Debug), (3, HopKind.Debug) })
            {
                await using var chain = await BeamChain.StartAsync(hops, kind);
                await MeasureAsync(output, $"beam {hops} hop(s) {kind}", async () => await BeamClient.CallAsync(chain.Target, Verb.Get, null, token));
            }
        }
    }

    private static async Task MeasureAsync(TextWriter output, string name, Func<Task> roundTrip)
    {
        for (var i = 0; i < RoundTrips / 10; i++)
        {
            await roundTrip();
        }

        // Time is the median of several rounds (a 2-core box has outliers); the counters are totals.
        var items = ThreadPool.CompletedWorkItemCount;
        var bytes = GC.GetTotalAllocatedBytes(precise: true);
        var gen0 = GC.CollectionCount(0);
        var times = new double[Rounds];
        for (var round = 0; round < Rounds; round++)
        {
            var started = Stopwatch.GetTimestamp();
            for (var i = 0; i < RoundTrips; i++)
            {
                await roundTrip();
            }

            times[round] = Stopwatch.GetElapsedTime(started).TotalNanoseconds / RoundTrips;
        }

        Array.Sort(times);
        const double Total = (double)RoundTrips * Rounds;
        output.WriteLine(
            $"  {name,-28} {times[Rounds / 2],8:0} ns (min {times[0]:0})  " +
            $"{(ThreadPool.CompletedWorkItemCount - items) / Total,5:0.00} work items  " +
            $"{(GC.GetTotalAllocatedBytes(precise: true) - bytes) / Total,6:0} B  " +
            $"{(GC.CollectionCount(0) - gen0) * 1000.0 / Total,5:0.00} gen0/1k");
    }
}
