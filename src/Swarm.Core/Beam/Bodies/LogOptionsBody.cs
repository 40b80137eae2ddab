using System.Collections.Immutable;
using Swarm.Core.Containers;

namespace Swarm.Core.Beam;

/// <summary>A Logs request: which output, from where, and whether to follow.</summary>
/// <param name="Options">The options.</param>
public sealed record LogOptionsBody(LogOptions Options) : BeamBody
{
    /// <inheritdoc />
    public override ImmutableArray<string> Encode() => [BeamJson.Write(Options)];

    /// <summary>Reads <c>[options json?]</c>; empty is the defaults.</summary>
    public static LogOptionsBody Decode(ImmutableArray<string> args) =>
        new(BeamArgs.At(args, 0) is { Length: > 0 } json ? BeamJson.Read<LogOptions>(json) : new LogOptions());
}
