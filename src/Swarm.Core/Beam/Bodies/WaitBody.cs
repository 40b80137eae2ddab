using System.Collections.Immutable;
using Swarm.Core.Containers;

namespace Swarm.Core.Beam;

/// <summary>A Wait request: the condition (<c>not-running</c>, <c>next-exit</c>, <c>removed</c>).</summary>
/// <param name="Condition">What to wait for.</param>
public sealed record WaitBody(WaitCondition Condition) : BeamBody
{
    /// <inheritdoc />
    public override ImmutableArray<string> Encode() => [BeamWire.Condition(Condition)];

    /// <summary>Reads <c>[condition?]</c>; empty is not-running.</summary>
    public static WaitBody Decode(ImmutableArray<string> args) => new(BeamWire.ParseCondition(BeamArgs.At(args, 0)));
}
