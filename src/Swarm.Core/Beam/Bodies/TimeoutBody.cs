using System.Collections.Immutable;
using Swarm.Core.Containers;

namespace Swarm.Core.Beam;

/// <summary>How long a Stop or Restart may take before the container is killed (whole seconds on the wire, empty: the backend's default).</summary>
/// <param name="Timeout">The grace period, or null for the backend's default.</param>
public sealed record TimeoutBody(TimeSpan? Timeout) : BeamBody
{
    /// <inheritdoc />
    public override ImmutableArray<string> Encode() => [BeamWire.Seconds(Timeout)];

    /// <summary>Reads <c>[seconds?]</c>.</summary>
    public static TimeoutBody Decode(ImmutableArray<string> args) => new(BeamWire.ParseSeconds(BeamArgs.At(args, 0)));
}
