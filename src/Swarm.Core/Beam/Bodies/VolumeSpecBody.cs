using System.Collections.Immutable;
using Swarm.Core.Containers;

namespace Swarm.Core.Beam;

/// <summary>What volume to create (VolumeCreate): a <see cref="VolumeSpec"/>, one JSON document on the wire.</summary>
/// <param name="Spec">The spec.</param>
public sealed record VolumeSpecBody(VolumeSpec Spec) : BeamBody
{
    /// <inheritdoc />
    public override ImmutableArray<string> Encode() => [BeamJson.Write(Spec)];

    /// <inheritdoc />
    public override BeamBody Redacted() => new VolumeSpecBody(Spec with { Labels = Redaction.Labels(Spec.Labels) });

    /// <summary>Reads <c>[spec json]</c>.</summary>
    public static VolumeSpecBody Decode(ImmutableArray<string> args) => new(BeamJson.Read<VolumeSpec>(BeamArgs.At(args, 0)));
}
