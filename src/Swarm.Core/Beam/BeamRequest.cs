namespace Swarm.Core.Beam;

/// <summary>
/// A request being handled: the message, the object it was addressed to, and the reply helpers. It remembers
/// whether the terminal reply has gone, so the router can guarantee exactly one.
/// </summary>
public sealed class BeamRequest
{
    private int _terminalSent;

    internal BeamRequest(Message message, object? target, CancellationToken cancellationToken)
    {
        Message = message;
        Target = target;
        CancellationToken = cancellationToken;
    }

    /// <summary>The request message.</summary>
    public Message Message { get; }

    /// <summary>The verb of the request.</summary>
    public Verb Verb => Message.Verb;

    /// <summary>
    /// The object the request was addressed to: null for an instance's own input, otherwise whatever the
    /// handle was bound to (see <see cref="BeamRouter.Bind"/>), for example a container handle.
    /// </summary>
    public object? Target { get; }

    /// <summary>Fires when the caller cancels or the serving instance stops.</summary>
    public CancellationToken CancellationToken { get; }

    /// <summary>True once the terminal reply has been sent.</summary>
    public bool HasReplied => Volatile.Read(ref _terminalSent) != 0;

    /// <summary>The request's body as the verb's body type; an invalid-argument error when it is another.</summary>
    public T Body<T>()
        where T : BeamBody => Message.Body as T
        ?? throw BeamException.Invalid($"{Verb} takes a {typeof(T).Name}, not a {Message.Body.GetType().Name}");

    /// <summary>
    /// Sends a reply. A second terminal reply is a bug in the handler and throws
    /// <see cref="InvalidOperationException"/>; replies to a request that has no route are dropped.
    /// </summary>
    public ValueTask ReplyAsync(Message reply)
    {
        ArgumentNullException.ThrowIfNull(reply);
        if (reply.Verb.IsTerminalReply() && Interlocked.Exchange(ref _terminalSent, 1) != 0)
        {
            throw new InvalidOperationException($"a second terminal reply ({reply.Verb}) to {Verb}");
        }
        else if (!reply.Verb.IsTerminalReply() && HasReplied)
        {
            throw new InvalidOperationException($"a {reply.Verb} reply after the terminal reply to {Verb}");
        }

        return Message.Ret is { } ret ? ret.SendAsync(reply, CancellationToken) : ValueTask.CompletedTask;
    }

    /// <summary>Replies Ack, with a body if given.</summary>
    public ValueTask AckAsync(BeamBody? body = null) => ReplyAsync(body is null ? Message.Ack : new Message(Verb.Ack, body));

    /// <summary>Replies Ack handing over <paramref name="handle"/>.</summary>
    public ValueTask AckAsync(IBeamSender handle, BeamBody body) => ReplyAsync(new Message(Verb.Ack, body) { Ret = handle });

    /// <summary>Replies Set with a value.</summary>
    public ValueTask SetAsync(BeamBody body) => ReplyAsync(new Message(Verb.Set, body));

    /// <summary>Sends one non-terminal reply (Log, Event).</summary>
    public ValueTask StreamAsync(Verb verb, BeamBody body) => ReplyAsync(new Message(verb, body));

    /// <summary>Replies Error.</summary>
    public ValueTask ErrorAsync(BeamErrorKind kind, string message) => ReplyAsync(Message.Error(kind, message));
}
