using System.Collections.Immutable;

namespace Swarm.Core.Beam;

/// <summary>A reference to find (Resolve): a name, a full id or a unique id prefix.</summary>
/// <param name="Reference">What the user wrote.</param>
public sealed record ReferenceBody(string Reference) : BeamBody
{
    /// <inheritdoc />
    public override ImmutableArray<string> Encode() => [Reference];

    /// <summary>Reads <c>[reference]</c>.</summary>
    public static ReferenceBody Decode(ImmutableArray<string> args) => new(BeamArgs.Required(args, 0, "a reference"));
}
