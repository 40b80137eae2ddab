using System.Collections.Immutable;
using Swarm.Core.Containers;

namespace Swarm.Core.Beam;

/// <summary>Networks (the Set to Networks): one JSON document per network on the wire.</summary>
/// <param name="Networks">The networks; exactly one when the request named a reference.</param>
public sealed record NetworkListBody(IReadOnlyList<NetworkRecord> Networks) : BeamBody
{
    /// <inheritdoc />
    public override ImmutableArray<string> Encode() => [.. Networks.Select(BeamJson.Write)];

    /// <inheritdoc />
    public override BeamBody Redacted() => new NetworkListBody([.. Networks.Select(n => n with { Labels = Redaction.Labels(n.Labels) })]);

    /// <summary>Reads one network per argument.</summary>
    public static NetworkListBody Decode(ImmutableArray<string> args) => new([.. args.Select(BeamJson.Read<NetworkRecord>)]);
}
