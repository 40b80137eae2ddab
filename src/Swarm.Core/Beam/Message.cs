namespace Swarm.Core.Beam;

/// <summary>
/// One Beam message: a verb, its body (the typed arguments, see <see cref="BeamBody"/>), where the replies go, and
/// an optional byte stream. Immutable; a handle to an object travels as the <see cref="Ret"/> of an Ack.
/// Two messages are equal only when they are the same message.
/// </summary>
public sealed class Message
{
    /// <summary>Creates a message; a null body is <see cref="EmptyBody"/>.</summary>
    public Message(Verb verb, BeamBody? body = null)
    {
        Verb = verb;
        Body = body ?? EmptyBody.Instance;
    }

    /// <summary>The verb.</summary>
    public Verb Verb { get; }

    /// <summary>The body: the verb's typed arguments.</summary>
    public BeamBody Body { get; }

    /// <summary>
    /// For a request, where its replies go. For an Ack, the handle it hands over (a container), if any.
    /// </summary>
    public IBeamSender? Ret { get; init; }

    /// <summary>An optional byte stream travelling with the message (stdin for Connect).</summary>
    public Stream? Attachment { get; init; }

    /// <summary>The caller's cancellation: a handler stops working on the request when it fires.</summary>
    public CancellationToken Cancellation { get; init; }

    /// <summary>An Ack with an empty body, shared because it never changes.</summary>
    public static Message Ack { get; } = new(Verb.Ack);

    /// <summary>Makes an Error reply.</summary>
    public static Message Error(BeamErrorKind kind, string text) => new(Verb.Error, new ErrorBody(kind, text));

    /// <summary>The same message with another reply route (what a proxy that watches replies sends on).</summary>
    public Message WithRet(IBeamSender? ret) => new(Verb, Body) { Ret = ret, Attachment = Attachment, Cancellation = Cancellation };

    /// <summary>The verb and the body's string form.</summary>
    public override string ToString() => BeamCodec.Describe(Verb, Body);
}
