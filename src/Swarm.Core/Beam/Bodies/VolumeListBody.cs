using System.Collections.Immutable;
using Swarm.Core.Containers;

namespace Swarm.Core.Beam;

/// <summary>Volumes (the Set to Volumes): one JSON document per volume on the wire.</summary>
/// <param name="Volumes">The volumes; exactly one when the request named one.</param>
public sealed record VolumeListBody(IReadOnlyList<VolumeRecord> Volumes) : BeamBody
{
    /// <inheritdoc />
    public override ImmutableArray<string> Encode() => [.. Volumes.Select(BeamJson.Write)];

    /// <inheritdoc />
    public override BeamBody Redacted() => new VolumeListBody([.. Volumes.Select(v => v with { Labels = Redaction.Labels(v.Labels) })]);

    /// <summary>Reads one volume per argument.</summary>
    public static VolumeListBody Decode(ImmutableArray<string> args) => new([.. args.Select(BeamJson.Read<VolumeRecord>)]);
}
