using System.Threading.Tasks.Sources;

namespace Swarm.Core.Beam;

/// <summary>
/// The reply route of a single-reply request: takes the first terminal reply and ignores non-terminal ones
/// (a backend may send Log lines before it answers). The slot is its own awaitable (one object per call
/// instead of a TaskCompletionSource and its Task); it is used once and never pooled, so a late or duplicate
/// reply can only ever reach the call it belongs to.
/// </summary>
internal sealed class ReplySlot : IBeamSender, IValueTaskSource<Message>
{
    // The caller's continuation never runs inline on the replying handler's thread.
    private ManualResetValueTaskSourceCore<Message> _core = new() { RunContinuationsAsynchronously = true };
    private int _settled;

    /// <summary>Completes with the first terminal reply, or cancelled by <see cref="Cancel"/>. Await it once.</summary>
    public ValueTask<Message> Reply => new(this, _core.Version);

    public ValueTask SendAsync(Message message, CancellationToken cancellationToken = default)
    {
        if (message.Verb.IsTerminalReply() && Interlocked.Exchange(ref _settled, 1) == 0)
        {
            _core.SetResult(message);
        }

        return ValueTask.CompletedTask;
    }

    public void Cancel(CancellationToken cancellationToken)
    {
        if (Interlocked.Exchange(ref _settled, 1) == 0)
        {
            _core.SetException(new TaskCanceledException(null, null, cancellationToken));
        }
    }

    Message IValueTaskSource<Message>.GetResult(short token) => _core.GetResult(token);

    ValueTaskSourceStatus IValueTaskSource<Message>.GetStatus(short token) => _core.GetStatus(token);

    void IValueTaskSource<Message>.OnCompleted(Action<object?> continuation, object? state, short token, ValueTaskSourceOnCompletedFlags flags) =>
        _core.OnCompleted(continuation, state, token, flags);
}
