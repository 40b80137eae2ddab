using Swarm.Core.Containers;

namespace Swarm.Tests.Conformance;

/// <summary>A debug link in front of the simulator changes nothing a caller can see.</summary>
public sealed class DebugConformanceTests : BackendConformanceTests
{
    protected override TimeSpan CallTimeout => TimeSpan.FromSeconds(10);

    protected override async Task<(ContainerHostClient Client, IAsyncDisposable Lifetime)> CreateHostAsync()
    {
        var chain = await TestChains.StartAsync("debug", "simulator");
        return (new ContainerHostClient(chain.Input), chain);
    }
}
