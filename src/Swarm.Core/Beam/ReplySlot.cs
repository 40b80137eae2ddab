namespace Swarm.Core.Beam;

/// <summary>
/// The reply route of a single-reply request: takes the first terminal reply and ignores non-terminal ones
/// (a backend may send Log lines before it answers).
/// </summary>
internal sealed class ReplySlot : IBeamSender
{
    private readonly TaskCompletionSource<Message> _reply = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public Task<Message> Reply => _reply.Task;

    public ValueTask SendAsync(Message message, CancellationToken cancellationToken = default)
    {
        if (message.Verb.IsTerminalReply())
        {
            _reply.TrySetResult(message);
        }

        return ValueTask.CompletedTask;
    }

    public void Cancel(CancellationToken cancellationToken) => _reply.TrySetCanceled(cancellationToken);
}
