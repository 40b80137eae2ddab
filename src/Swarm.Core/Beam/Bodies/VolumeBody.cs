using System.Collections.Immutable;
using Swarm.Core.Containers;

namespace Swarm.Core.Beam;

/// <summary>One volume as its backend knows it: the Ack to VolumeCreate.</summary>
/// <param name="Record">The volume.</param>
public sealed record VolumeBody(VolumeRecord Record) : BeamBody
{
    /// <inheritdoc />
    public override ImmutableArray<string> Encode() => [BeamJson.Write(Record)];

    /// <inheritdoc />
    public override BeamBody Redacted() => new VolumeBody(Record with { Labels = Redaction.Labels(Record.Labels) });

    /// <summary>Reads <c>[record json]</c>.</summary>
    public static VolumeBody Decode(ImmutableArray<string> args) => new(BeamJson.Read<VolumeRecord>(BeamArgs.At(args, 0)));
}
