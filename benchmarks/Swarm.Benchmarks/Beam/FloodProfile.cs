using System.Diagnostics;
using Swarm.Core.Backends;
using Swarm.Core.Backends.Simulator;
using Swarm.Core.Beam;
using Swarm.Core.Containers;

namespace Swarm.Benchmarks.Beam;

/// <summary>
/// Memory under a flood: N times <see cref="BeamRouter.DefaultMaxInFlight"/> requests that each hold on (a Wait on a
/// running simulator container) sent at once to one instance, for N = 1, 2, 5 and 10. The router runs at most the
/// limit and answers the rest "busy" at once, so the memory held should not grow with N. Reports, per N, how many
/// were refused, the managed heap and the working set while the flood is held, each against the idle process.
/// Run with <c>-- --flood</c>.
/// </summary>
internal static class FloodProfile
{
    public static async Task RunAsync(TextWriter output)
    {
        output.WriteLine($"bounded: at most {BeamRouter.DefaultMaxInFlight} requests in flight (swarmd's default)");
        await FloodAsync(output, BeamRouter.DefaultMaxInFlight);
        output.WriteLine();
        output.WriteLine("unbounded, for contrast: every request runs (what dispatch did before the limit)");
        await FloodAsync(output, int.MaxValue);
    }

    private static async Task FloodAsync(TextWriter output, int maxInFlight)
    {
        var host = new SimulatorHost(new SimulatorOptions(), TimeProvider.System);
        await using var instance = new RouterInstance(ContainerHostRouter.Create(host, null, maxInFlight));
        await instance.StartAsync(CancellationToken.None);
        var client = new ContainerHostClient(instance.Input);
        var container = await client.CreateAsync(new ContainerSpec { Image = "cirros", Name = "flooded", Cmd = ["sleep", "3600"] }, CancellationToken.None);
        await client.StartAsync(container, CancellationToken.None);
        var (idleHeap, idleSet) = Measure();
        output.WriteLine($"idle: managed heap {idleHeap / 1024.0 / 1024:0.0} MB, working set {idleSet / 1024.0 / 1024:0.0} MB");
        output.WriteLine("| load (x limit) | requests | refused busy | managed heap MB (x idle) | working set MB (x idle) |");
        output.WriteLine("|---:|---:|---:|---:|---:|");
        foreach (var factor in new[] { 1, 2, 5, 10 })
        {
            using var release = new CancellationTokenSource();
            var count = factor * BeamRouter.DefaultMaxInFlight;
            var calls = Enumerable.Range(0, count).Select(_ => Outcome(client.WaitAsync(container, WaitCondition.Removed, release.Token))).ToList();
            await Task.Delay(TimeSpan.FromSeconds(1));
            var refused = calls.Count(c => c.IsCompleted && c.Result);
            var (heap, set) = Measure();
            output.WriteLine($"| {factor} | {count} | {refused} | {heap / 1024.0 / 1024:0.0} ({(double)heap / idleHeap:0.0}) | {set / 1024.0 / 1024:0.0} ({(double)set / idleSet:0.00}) |");
            await release.CancelAsync();
            await Task.WhenAll(calls);
        }
    }

    // True when the call was refused as busy; false when it was running (and then cancelled).
    private static async Task<bool> Outcome(Task call)
    {
        try
        {
            await call;
            return false;
        }
        catch (BeamException ex) when (ex.Kind == BeamErrorKind.Unavailable && ex.Message.Contains("busy", StringComparison.Ordinal))
        {
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    private static (long Heap, long WorkingSet) Measure()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        using var process = Process.GetCurrentProcess();
        return (GC.GetTotalMemory(forceFullCollection: false), process.WorkingSet64);
    }
}
