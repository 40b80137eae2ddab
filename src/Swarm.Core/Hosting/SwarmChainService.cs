using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Swarm.Core.Hosting;

/// <summary>
/// Runs one chain for the lifetime of a Generic Host. <see cref="PrepareAsync"/> makes the instances (so a bad
/// spec fails before anything starts); the host's start and stop then start the chain in spec order and stop it
/// in reverse.
/// </summary>
public sealed class SwarmChainService : IHostedService, IAsyncDisposable
{
    private readonly IServiceProvider _services;
    private readonly IReadOnlyList<string> _specs;
    private SwarmChain? _chain;

    internal SwarmChainService(IServiceProvider services, IReadOnlyList<string> specs)
    {
        _services = services;
        _specs = specs;
    }

    /// <summary>The chain, once prepared.</summary>
    public SwarmChain? Chain => _chain;

    /// <summary>Creates the chain's instances without starting them; throws <see cref="Backends.SwarmSpecException"/> for a bad spec.</summary>
    public async Task<SwarmChain> PrepareAsync() =>
        _chain ??= await _services.GetRequiredService<SwarmChainFactory>().CreateAsync([.. _specs]).ConfigureAwait(false);

    /// <inheritdoc />
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var chain = await PrepareAsync().ConfigureAwait(false);
        await chain.StartAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public Task StopAsync(CancellationToken cancellationToken) =>
        _chain?.StopAsync(cancellationToken) ?? Task.CompletedTask;

    /// <inheritdoc />
    public ValueTask DisposeAsync() => _chain?.DisposeAsync() ?? ValueTask.CompletedTask;
}
