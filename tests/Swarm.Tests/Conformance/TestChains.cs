using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Swarm.Core.Hosting;

namespace Swarm.Tests.Conformance;

/// <summary>Starts in-process chains from spec strings with the standard backends registered.</summary>
public static class TestChains
{
    /// <summary>Creates and starts a chain; dispose it to stop it.</summary>
    public static async Task<SwarmChain> StartAsync(params string[] specs)
    {
        var services = new ServiceCollection();
        services.AddLogging(b => b.SetMinimumLevel(LogLevel.Warning));
        services.AddSwarm();
        var provider = services.BuildServiceProvider();
        var chain = await provider.GetRequiredService<SwarmChainFactory>().CreateAsync(specs);
        await chain.StartAsync(CancellationToken.None);
        return chain;
    }
}
