using System.Collections.Immutable;
using Swarm.Core.Containers;

namespace Swarm.Core.Beam;

/// <summary>One container as its backend knows it: the Ack to Resolve and Create, the Set to Get on a handle.</summary>
/// <param name="Record">The container.</param>
public sealed record ContainerBody(ContainerRecord Record) : BeamBody
{
    /// <inheritdoc />
    public override ImmutableArray<string> Encode() => [BeamJson.Write(Record)];

    /// <inheritdoc />
    public override BeamBody Redacted() => new ContainerBody(Redaction.Record(Record));

    /// <summary>Reads <c>[record json]</c>.</summary>
    public static ContainerBody Decode(ImmutableArray<string> args) => new(BeamJson.Read<ContainerRecord>(BeamArgs.At(args, 0)));
}
