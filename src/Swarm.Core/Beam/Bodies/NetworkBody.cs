using System.Collections.Immutable;
using Swarm.Core.Containers;

namespace Swarm.Core.Beam;

/// <summary>One network as its backend knows it: the Ack to NetworkCreate.</summary>
/// <param name="Record">The network.</param>
public sealed record NetworkBody(NetworkRecord Record) : BeamBody
{
    /// <inheritdoc />
    public override ImmutableArray<string> Encode() => [BeamJson.Write(Record)];

    /// <inheritdoc />
    public override BeamBody Redacted() => new NetworkBody(Record with { Labels = Redaction.Labels(Record.Labels) });

    /// <summary>Reads <c>[record json]</c>.</summary>
    public static NetworkBody Decode(ImmutableArray<string> args) => new(BeamJson.Read<NetworkRecord>(BeamArgs.At(args, 0)));
}
