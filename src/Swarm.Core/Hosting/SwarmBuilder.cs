using System.Diagnostics.CodeAnalysis;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Swarm.Core.Backends;

namespace Swarm.Core.Hosting;

/// <summary>Adds backends and chains to a service collection; returned by <c>AddSwarm()</c>.</summary>
public sealed class SwarmBuilder
{
    internal SwarmBuilder(IServiceCollection services) => Services = services;

    /// <summary>The service collection being built.</summary>
    public IServiceCollection Services { get; }

    /// <summary>Registers a backend type (a singleton <see cref="IBackend"/>).</summary>
    public SwarmBuilder AddBackend<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicConstructors)] TBackend>()
        where TBackend : class, IBackend
    {
        Services.TryAddEnumerable(ServiceDescriptor.Singleton<IBackend, TBackend>());
        return this;
    }

    /// <summary>Registers a backend object.</summary>
    public SwarmBuilder AddBackend(IBackend backend)
    {
        ArgumentNullException.ThrowIfNull(backend);
        Services.AddSingleton(backend);
        return this;
    }

    /// <summary>
    /// Runs a chain under the host: <c>AddChain("dockerserver tcp://127.0.0.1:4243", "simulator")</c>. Its links
    /// start with the host in spec order and stop in reverse. Each call adds one more chain; all of them run.
    /// </summary>
    public SwarmBuilder AddChain(params string[] specs)
    {
        ArgumentNullException.ThrowIfNull(specs);
        // Parsed when the chain is prepared, so a bad spec surfaces there with the other spec errors.
        var copy = specs.ToArray();

        // One descriptor per chain, added (not TryAdd'ed): AddHostedService would keep only one service of a type.
        Services.Add(ServiceDescriptor.Singleton<IHostedService>(sp => new SwarmChainService(sp, copy)));
        return this;
    }
}
