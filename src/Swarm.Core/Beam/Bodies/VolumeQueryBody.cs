using System.Collections.Immutable;

namespace Swarm.Core.Beam;

/// <summary>A Volumes request: every volume (no name), or the one volume a name names.</summary>
/// <param name="Name">A volume's name, or null for all.</param>
public sealed record VolumeQueryBody(string? Name) : BeamBody
{
    /// <inheritdoc />
    public override ImmutableArray<string> Encode() => Name is null ? [] : [Name];

    /// <summary>Reads <c>[]</c> or <c>[name]</c>.</summary>
    public static VolumeQueryBody Decode(ImmutableArray<string> args) => new(BeamArgs.At(args, 0) is { Length: > 0 } n ? n : null);
}
