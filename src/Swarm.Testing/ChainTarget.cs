using Microsoft.Extensions.DependencyInjection;
using Swarm.Core.Beam;
using Swarm.Core.Hosting;

namespace Swarm.Testing;

/// <summary>A target that runs a chain from spec strings (<c>"debug", "simulator"</c>) with the built-in backends and any added.</summary>
public abstract class ChainTarget : ConformanceTarget
{
    private ServiceProvider? _services;
    private SwarmChain? _chain;

    /// <summary>The specs of the chain, left to right.</summary>
    protected abstract IReadOnlyList<string> Specs { get; }

    /// <inheritdoc />
    public override async Task<IBeamSender> StartAsync(CancellationToken cancellationToken)
    {
        var services = new ServiceCollection();
        Register(services.AddSwarm());
        _services = services.BuildServiceProvider();
        _chain = await _services.GetRequiredService<SwarmChainFactory>().CreateAsync([.. Specs]).ConfigureAwait(false);
        await _chain.StartAsync(cancellationToken).ConfigureAwait(false);
        return _chain.Input;
    }

    /// <inheritdoc />
    public override async ValueTask DisposeAsync()
    {
        if (_chain is not null)
        {
            await _chain.DisposeAsync().ConfigureAwait(false);
        }

        if (_services is not null)
        {
            await _services.DisposeAsync().ConfigureAwait(false);
        }

        GC.SuppressFinalize(this);
    }

    /// <summary>Adds backends beyond the built-in ones (<c>builder.AddBackend&lt;MyBackend&gt;()</c>).</summary>
    protected virtual void Register(SwarmBuilder builder)
    {
    }
}
