using Microsoft.Extensions.DependencyInjection.Extensions;
using Swarm.Core.Backends;
using Swarm.Core.Backends.Aggregate;
using Swarm.Core.Backends.Debug;
using Swarm.Core.Backends.Simulator;
using Swarm.Core.Hosting;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>The one entry point of swarmd's services.</summary>
public static class SwarmServiceCollectionExtensions
{
    /// <summary>
    /// Adds the Beam runtime, the backend registry and the built-in backends (simulator, debug, aggregate).
    /// Each backend package adds its own with <c>AddXxxBackend()</c> on the returned builder. Logs go to the
    /// host's <c>ILoggerFactory</c> when it has one (Generic Host does), else nowhere.
    /// </summary>
    public static SwarmBuilder AddSwarm(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.TryAddSingleton(sp => new BackendRegistry(sp.GetServices<IBackend>()));
        services.TryAddSingleton<SwarmChainFactory>();
        return new SwarmBuilder(services)
            .AddBackend<SimulatorBackend>()
            .AddBackend<DebugBackend>()
            .AddBackend<AggregateBackend>();
    }
}
