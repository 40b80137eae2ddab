using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;

namespace Swarm.Benchmarks;

/// <summary>Entry point: <c>dotnet run -c Release --project benchmarks/Swarm.Benchmarks -- --filter '*'</c>.</summary>
public static class Program
{
    public static async Task Main(string[] args)
    {
        if (args is ["--handoffs"])
        {
            await Beam.HandOffProfile.RunAsync(Console.Out);
            return;
        }

        if (args is ["--flood"])
        {
            await Beam.FloodProfile.RunAsync(Console.Out);
            return;
        }

        // In-process: on the 2-core reference box BenchmarkDotNet's generated project, rebuilt with the
        // repository's analyzers, takes longer than its 2-minute build timeout. Few iterations keep a full
        // run within minutes; ratios against the same-run baseline are what we publish, not absolute times.
        var job = Job.Default
            .WithLaunchCount(1)
            .WithWarmupCount(3)
            .WithIterationCount(15)
            .WithToolchain(InProcessEmitToolchain.Instance);
        var config = DefaultConfig.Instance.AddJob(job.AsDefault());
        BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args, config);
    }
}
