using Swarm.Core.Containers;

namespace Swarm.Tests.Conformance;

/// <summary>An aggregate of two simulators honours the same contract as one backend.</summary>
public sealed class AggregateConformanceTests : BackendConformanceTests
{
    protected override TimeSpan CallTimeout => TimeSpan.FromSeconds(10);

    protected override async Task<(ContainerHostClient Client, IAsyncDisposable Lifetime)> CreateHostAsync()
    {
        var chain = await TestChains.StartAsync("aggregate 'simulator --name=a' 'simulator --name=b'");
        return (new ContainerHostClient(chain.Input), chain);
    }
}
