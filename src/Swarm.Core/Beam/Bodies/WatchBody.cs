using System.Collections.Immutable;
using Swarm.Core.Containers;

namespace Swarm.Core.Beam;

/// <summary>A Watch request: replay from <c>since</c>, stream until <c>until</c> (ISO 8601 on the wire, empty for none).</summary>
/// <param name="Options">The window.</param>
public sealed record WatchBody(WatchOptions Options) : BeamBody
{
    /// <inheritdoc />
    public override ImmutableArray<string> Encode() => [BeamWire.Time(Options.Since), BeamWire.Time(Options.Until)];

    /// <summary>Reads <c>[since?, until?]</c>.</summary>
    public static WatchBody Decode(ImmutableArray<string> args) =>
        new(new WatchOptions(BeamWire.ParseTime(BeamArgs.At(args, 0)), BeamWire.ParseTime(BeamArgs.At(args, 1))));
}
