using System.Collections.Immutable;

namespace Swarm.Core.Beam;

/// <summary>A Rename: the new name.</summary>
/// <param name="Name">The new name, without Docker's leading slash.</param>
public sealed record NameBody(string Name) : BeamBody
{
    /// <inheritdoc />
    public override ImmutableArray<string> Encode() => [Name];

    /// <summary>Reads <c>[name]</c>.</summary>
    public static NameBody Decode(ImmutableArray<string> args) => new(BeamArgs.Required(args, 0, "a new name"));
}
