using Microsoft.Extensions.DependencyInjection;
using Swarm.Core.Containers;
using Swarm.Core.Hosting;

namespace Swarm.Tests.Conformance;

/// <summary>The simulator, the reference backend, honours the verb contract.</summary>
public sealed class SimulatorConformanceTests : BackendConformanceTests
{
    protected override TimeSpan CallTimeout => TimeSpan.FromSeconds(10);

    protected override async Task<(ContainerHostClient Client, IAsyncDisposable Lifetime)> CreateHostAsync()
    {
        var chain = await TestChains.StartAsync("simulator");
        return (new ContainerHostClient(chain.Input), chain);
    }
}
