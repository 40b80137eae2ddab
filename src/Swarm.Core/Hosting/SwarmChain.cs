using Swarm.Core.Backends;
using Swarm.Core.Beam;

namespace Swarm.Core.Hosting;

/// <summary>
/// Instances linked left to right: each sends to the next. Starts in spec order and stops in reverse, gathering
/// every stop failure into one <see cref="AggregateException"/> rather than dropping any.
/// </summary>
public sealed class SwarmChain : IAsyncDisposable
{
    private readonly IBackendInstance[] _instances;
    private int _started;
    private int _disposed;

    internal SwarmChain(IReadOnlyList<BackendSpec> specs, IBackendInstance[] instances)
    {
        Specs = specs;
        _instances = instances;
    }

    /// <summary>The specs, in order.</summary>
    public IReadOnlyList<BackendSpec> Specs { get; }

    /// <summary>The instances, in order.</summary>
    public IReadOnlyList<IBackendInstance> Instances => _instances;

    /// <summary>The input of the first instance: where an embedding host sends its requests.</summary>
    public IBeamSender Input => _instances[0].Input;

    /// <summary>Starts each instance in order; if one fails, those started are stopped and the error thrown.</summary>
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        for (; _started < _instances.Length; _started++)
        {
            try
            {
                await _instances[_started].StartAsync(cancellationToken).ConfigureAwait(false);
            }
            catch
            {
                await StopAsync(CancellationToken.None).ConfigureAwait(false);
                throw;
            }
        }
    }

    /// <summary>Stops the started instances in reverse order.</summary>
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        List<Exception>? failures = null;
        while (_started > 0)
        {
            var instance = _instances[--_started];
            try
            {
                await instance.StopAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex)
            {
                (failures ??= []).Add(ex);
            }
        }

        if (failures is not null)
        {
            throw new AggregateException("stopping the chain failed", failures);
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        // A host may dispose a chain more than once (a service registered under two types is disposed per type).
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        try
        {
            await StopAsync(CancellationToken.None).ConfigureAwait(false);
        }
        finally
        {
            foreach (var instance in _instances.Reverse())
            {
                await instance.DisposeAsync().ConfigureAwait(false);
            }
        }
    }
}
