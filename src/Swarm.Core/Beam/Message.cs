using System.Collections.Immutable;

namespace Swarm.Core.Beam;

/// <summary>
/// One Beam message: a verb, its string arguments (JSON where structured), where the replies go, and an
/// optional byte stream. Immutable once made; a handle to an object travels as the <see cref="Ret"/> of an Ack.
/// </summary>
public sealed record Message
{
    /// <summary>Creates a message with no reply route.</summary>
    public Message(Verb verb, params ImmutableArray<string> args)
    {
        Verb = verb;
        Args = args.IsDefault ? [] : args;
    }

    /// <summary>The verb.</summary>
    public Verb Verb { get; }

    /// <summary>The arguments, by position as <c>docs/beam-protocol.md</c> lists them per verb.</summary>
    public ImmutableArray<string> Args { get; }

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
