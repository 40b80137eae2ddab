using System.Collections.Immutable;
using Swarm.Core.Containers;

namespace Swarm.Core.Beam;

/// <summary>Every container of an instance (the Set to List): one JSON document per container on the wire.</summary>
/// <param name="Containers">The containers, in any state.</param>
public sealed record ContainerListBody(IReadOnlyList<ContainerRecord> Containers) : BeamBody
{
    /// <inheritdoc />
    public override ImmutableArray<string> Encode() => [.. Containers.Select(BeamJson.Write)];

    /// <inheritdoc />
    public override BeamBody Redacted() => new ContainerListBody([.. Containers.Select(Redaction.Record)]);

    /// <summary>Reads one record per argument.</summary>
    public static ContainerListBody Decode(ImmutableArray<string> args) => new([.. args.Select(BeamJson.Read<ContainerRecord>)]);
}
