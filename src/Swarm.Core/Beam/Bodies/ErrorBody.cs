using System.Collections.Immutable;

namespace Swarm.Core.Beam;

/// <summary>An Error reply: the kind (<c>[kind, message]</c> on the wire) and a message that names the object.</summary>
/// <param name="Kind">Why it failed.</param>
/// <param name="Text">What failed, in a sentence; never a secret.</param>
public sealed record ErrorBody(BeamErrorKind Kind, string Text) : BeamBody
{
    /// <inheritdoc />
    public override ImmutableArray<string> Encode() => [Kind.ToWire(), Text];

    /// <summary>Reads <c>[kind, message]</c>.</summary>
    public static ErrorBody Decode(ImmutableArray<string> args) => new(BeamErrorKindNames.Parse(BeamArgs.At(args, 0)), BeamArgs.At(args, 1) ?? "");
}
