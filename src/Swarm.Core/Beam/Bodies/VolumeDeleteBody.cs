using System.Collections.Immutable;

namespace Swarm.Core.Beam;

/// <summary>A VolumeDelete: the volume's name and Docker's force flag (<c>[name, "force"?]</c> on the wire).</summary>
/// <param name="Name">The volume's name.</param>
/// <param name="Force">Docker's force flag: a volume the backend cannot remove the ordinary way is removed anyway (never one in use).</param>
public sealed record VolumeDeleteBody(string Name, bool Force) : BeamBody
{
    /// <inheritdoc />
    public override ImmutableArray<string> Encode() => Force ? [Name, "force"] : [Name];

    /// <summary>Reads <c>[name, "force"?]</c>.</summary>
    public static VolumeDeleteBody Decode(ImmutableArray<string> args) =>
        new(BeamArgs.Required(args, 0, "a volume"), string.Equals(BeamArgs.At(args, 1), "force", StringComparison.Ordinal));
}
