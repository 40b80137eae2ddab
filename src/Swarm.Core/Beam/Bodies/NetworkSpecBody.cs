using System.Collections.Immutable;
using Swarm.Core.Containers;

namespace Swarm.Core.Beam;

/// <summary>What network to create (NetworkCreate): a <see cref="NetworkSpec"/>, one JSON document on the wire.</summary>
/// <param name="Spec">The spec.</param>
public sealed record NetworkSpecBody(NetworkSpec Spec) : BeamBody
{
    /// <inheritdoc />
    public override ImmutableArray<string> Encode() => [BeamJson.Write(Spec)];

    /// <inheritdoc />
    public override BeamBody Redacted() => new NetworkSpecBody(Spec with { Labels = Redaction.Labels(Spec.Labels) });

    /// <summary>Reads <c>[spec json]</c>.</summary>
    public static NetworkSpecBody Decode(ImmutableArray<string> args) => new(BeamJson.Read<NetworkSpec>(BeamArgs.At(args, 0)));
}
