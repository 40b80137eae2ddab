using System.Collections.Immutable;

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

    /// <summary>The request's arguments.</summary>
    public ImmutableArray<string> Args => Message.Args;

    /// <summary>
    /// The object the request was addressed to: null for an instance's own input, otherwise whatever the
    /// handle was bound to (see <see cref="BeamRouter.Bind"/>), for example a container id.
    /// </summary>
    public object? Target { get; }

    /// <summary>Fires when the caller cancels or the serving instance stops.</summary>
    public CancellationToken CancellationToken { get; }

    /// <summary>True once the terminal reply has been sent.</summary>
    public bool HasReplied => Volatile.Read(ref _terminalSent) != 0;

    /// <summary>The argument at <paramref name="index"/>, or null when there are fewer.</summary>
    public string? Arg(int index) => Message.Arg(index);

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

    /// <summary>Replies Ack with the given arguments.</summary>
    public ValueTask AckAsync(params ImmutableArray<string> args) =>
        ReplyAsync(args.IsDefaultOrEmpty ? Message.Ack : new Message(Verb.Ack, args));

    /// <summary>Replies Ack handing over <paramref name="handle"/>.</summary>
    public ValueTask AckAsync(IBeamSender handle, params ImmutableArray<string> args) =>
        ReplyAsync(new Message(Verb.Ack, args) { Ret = handle });

    /// <summary>Replies Set with the given values.</summary>
    public ValueTask SetAsync(params ImmutableArray<string> values) => ReplyAsync(new Message(Verb.Set, values));

    /// <summary>Sends one non-terminal Log reply.</summary>
    public ValueTask LogAsync(string stream, string timestamp, string text) =>
        ReplyAsync(new Message(Verb.Log, stream, timestamp, text));

    /// <summary>Sends one non-terminal Event reply.</summary>
    public ValueTask EventAsync(string json) => ReplyAsync(new Message(Verb.Event, json));

    /// <summary>Replies Error.</summary>
    public ValueTask ErrorAsync(BeamErrorKind kind, string message) => ReplyAsync(Message.Error(kind, message));
}
