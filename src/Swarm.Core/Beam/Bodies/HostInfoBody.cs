using System.Collections.Immutable;
using Swarm.Core.Containers;

namespace Swarm.Core.Beam;

/// <summary>What an instance says about itself (the Set to Get on an instance).</summary>
/// <param name="Info">The description.</param>
public sealed record HostInfoBody(HostInfo Info) : BeamBody
{
    /// <inheritdoc />
    public override ImmutableArray<string> Encode() => [BeamJson.Write(Info)];

    /// <summary>Reads <c>[info json]</c>.</summary>
    public static HostInfoBody Decode(ImmutableArray<string> args) => new(BeamJson.Read<HostInfo>(BeamArgs.At(args, 0)));
}
