using System.Collections.Immutable;
using Swarm.Core.Containers;

namespace Swarm.Core.Beam;

/// <summary>A NetworkConnect: the network and the endpoint's settings, one JSON document on the wire.</summary>
/// <param name="Endpoint">Which network, with the aliases and addresses asked for.</param>
public sealed record EndpointBody(EndpointSpec Endpoint) : BeamBody
{
    /// <inheritdoc />
    public override ImmutableArray<string> Encode() => [BeamJson.Write(Endpoint)];

    /// <summary>Reads <c>[endpoint json]</c>.</summary>
    public static EndpointBody Decode(ImmutableArray<string> args) => new(BeamJson.Read<EndpointSpec>(BeamArgs.At(args, 0)));
}
