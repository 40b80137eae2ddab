using Swarm.Core.Beam;

namespace Swarm.Core.Backends;

/// <summary>
/// An instance whose input is a bounded Beam pipe served by a <see cref="BeamRouter"/>: what most backends
/// are. Derive to add start and stop work, or use it as it is around a router.
/// </summary>
internal class RouterInstance : IBackendInstance
{
    private readonly BeamChannelSender _input;
    private readonly BeamReceiver _receiver;
    private readonly CancellationTokenSource _stopping = new();
    private Task? _serving;

    /// <summary>Serves <paramref name="router"/> from a new pipe.</summary>
    public RouterInstance(BeamRouter router)
    {
        ArgumentNullException.ThrowIfNull(router);
        Router = router;
        (_input, _receiver) = BeamPipe.Create();
    }

    /// <inheritdoc />
    public IBeamSender Input => _input;

    /// <summary>The router that answers this instance's requests.</summary>
    protected BeamRouter Router { get; }

    /// <inheritdoc />
    public virtual Task StartAsync(CancellationToken cancellationToken)
    {
        _serving ??= BeamServer.ServeAsync(_receiver, Router, _stopping.Token);
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public virtual async Task StopAsync(CancellationToken cancellationToken)
    {
        _input.Complete();
        await _stopping.CancelAsync().ConfigureAwait(false);
        if (_serving is { } serving)
        {
            await serving.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        else
        {
            await Router.StopAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await DisposeAsyncCore().ConfigureAwait(false);
        GC.SuppressFinalize(this);
    }

    /// <summary>Stops the instance if it runs and releases what it holds.</summary>
    protected virtual async ValueTask DisposeAsyncCore()
    {
        if (!_stopping.IsCancellationRequested)
        {
            await StopAsync(CancellationToken.None).ConfigureAwait(false);
        }

        _stopping.Dispose();
    }
}
