using System.Collections.Immutable;

namespace Swarm.Core.Beam;

/// <summary>
/// One Beam message: a verb, its string arguments (JSON where structured), where the replies go, and an
/// optional byte stream. Immutable once made; a handle to an object travels as the <see cref="Ret"/> of an Ack.
/// </summary>
public sealed record Message
{
    private readonly Func<object, ImmutableArray<string>>? _render;
    private ImmutableArray<string> _args;

    /// <summary>Creates a message with no reply route.</summary>
    public Message(Verb verb, params ImmutableArray<string> args)
    {
        Verb = verb;
        _args = args.IsDefault ? [] : args;
    }

    private Message(Verb verb, object payload, Func<object, ImmutableArray<string>> render)
    {
        Verb = verb;
        Payload = payload;
        _render = render;
    }

    /// <summary>The verb.</summary>
    public Verb Verb { get; }

    /// <summary>
    /// The arguments, by position as <c>docs/beam-protocol.md</c> lists them per verb. For a message made with
    /// <see cref="Typed"/>, rendered from <see cref="Payload"/> the first time they are read.
    /// </summary>
    public ImmutableArray<string> Args
    {
        get
        {
            // Rendering twice on a race is harmless: the payload is immutable, so both renderings are equal.
            if (_args.IsDefault)
            {
                _args = _render!(Payload!);
            }

            return _args;
        }
    }

    /// <summary>
    /// The in-process form of <see cref="Args"/> (for example the <c>ContainerRecord</c>s of an Ls reply), when the
    /// sender had it. A receiver that knows the type may use it instead of parsing the arguments; hops that pass
    /// the message on keep it. Null for messages made from strings.
    /// </summary>
    public object? Payload { get; }

    /// <summary>
    /// Creates a message from an immutable in-process value; its string arguments are rendered by
    /// <paramref name="render"/> only if someone reads <see cref="Args"/> (a logging hop, say).
    /// </summary>
    public static Message Typed(Verb verb, object payload, Func<object, ImmutableArray<string>> render)
    {
        ArgumentNullException.ThrowIfNull(payload);
        ArgumentNullException.ThrowIfNull(render);
        return new Message(verb, payload, render);
    }

    /// <summary>
    /// For a request, where its replies go. For an Ack, the handle it hands over (an instance or a container),
    /// if any.
    /// </summary>
    public IBeamSender? Ret { get; init; }

    /// <summary>An optional byte stream travelling with the message (stdin for Connect).</summary>
    public Stream? Attachment { get; init; }

    /// <summary>The caller's cancellation: a handler stops working on the request when it fires.</summary>
    public CancellationToken Cancellation { get; init; }

    /// <summary>The argument at <paramref name="index"/>, or null when there are fewer.</summary>
    public string? Arg(int index) => index < Args.Length ? Args[index] : null;

    /// <summary>Makes an Error reply.</summary>
    public static Message Error(BeamErrorKind kind, string message) => new(Verb.Error, kind.ToWire(), message);

    /// <summary>An Ack with no arguments, shared because it never changes.</summary>
    public static Message Ack { get; } = new(Verb.Ack);

    /// <inheritdoc />
    public override string ToString() => Args.IsEmpty ? Verb.ToString() : $"{Verb} {string.Join(' ', Args)}";
}
