using System.Collections.Immutable;

namespace Swarm.Core.Beam;

/// <summary>A Kill: the signal by name or number (<c>SIGKILL</c>, <c>KILL</c>, <c>9</c>).</summary>
/// <param name="Signal">The signal.</param>
public sealed record SignalBody(string Signal) : BeamBody
{
    /// <summary>The default signal of Kill.</summary>
    public const string DefaultSignal = "SIGKILL";

    /// <inheritdoc />
    public override ImmutableArray<string> Encode() => [Signal];

    /// <summary>Reads <c>[signal?]</c>; empty is SIGKILL.</summary>
    public static SignalBody Decode(ImmutableArray<string> args) => new(BeamArgs.At(args, 0) is { Length: > 0 } s ? s : DefaultSignal);
}
