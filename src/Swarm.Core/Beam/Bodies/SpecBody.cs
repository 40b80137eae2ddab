using System.Collections.Immutable;
using Swarm.Core.Containers;

namespace Swarm.Core.Beam;

/// <summary>What to create (Create): a <see cref="ContainerSpec"/>, one JSON document on the wire.</summary>
/// <param name="Spec">The spec.</param>
public sealed record SpecBody(ContainerSpec Spec) : BeamBody
{
    /// <inheritdoc />
    public override ImmutableArray<string> Encode() => [BeamJson.Write(Spec)];

    /// <inheritdoc />
    public override BeamBody Redacted() => new SpecBody(Spec with { Env = Redaction.Env(Spec.Env), Labels = Redaction.Labels(Spec.Labels) });

    /// <summary>Reads <c>[spec json]</c>.</summary>
    public static SpecBody Decode(ImmutableArray<string> args) => new(BeamJson.Read<ContainerSpec>(BeamArgs.At(args, 0)));
}
