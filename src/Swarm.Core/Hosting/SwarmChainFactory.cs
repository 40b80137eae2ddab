using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Swarm.Core.Backends;
using Swarm.Core.Beam;

namespace Swarm.Core.Hosting;

/// <summary>Makes a chain of instances from specs, as swarmd does; usable from any host.</summary>
public sealed class SwarmChainFactory(BackendRegistry registry, IServiceProvider services)
{
    private readonly ILoggerFactory _loggerFactory = services.GetService(typeof(ILoggerFactory)) as ILoggerFactory ?? NullLoggerFactory.Instance;

    /// <summary>
    /// Creates the instances of <paramref name="specs"/>, last first, so each is handed the input of the one
    /// after it. Nothing is started. A bad spec throws <see cref="SwarmSpecException"/> and nothing is left over.
    /// </summary>
    public async Task<SwarmChain> CreateAsync(IReadOnlyList<BackendSpec> specs, IBeamSender? tail = null)
    {
        ArgumentNullException.ThrowIfNull(specs);
        if (specs.Count == 0)
        {
            throw new SwarmSpecException("a chain needs at least one spec, for example: simulator");
        }

        var instances = new IBackendInstance[specs.Count];
        var next = tail;
        try
        {
            for (var i = specs.Count - 1; i >= 0; i--)
            {
                var backend = registry.Get(specs[i].Name);
                instances[i] = backend.Create(new BackendContext(specs[i], next, services, _loggerFactory));
                next = instances[i].Input;
            }
        }
        catch
        {
            foreach (var made in instances.Where(x => x is not null))
            {
                await made.DisposeAsync().ConfigureAwait(false);
            }

            throw;
        }

        return new SwarmChain(specs, instances);
    }

    /// <summary>Parses spec strings and creates their chain.</summary>
    public Task<SwarmChain> CreateAsync(params string[] specs) =>
        CreateAsync([.. specs.Select(BackendSpec.Parse)]);
}
