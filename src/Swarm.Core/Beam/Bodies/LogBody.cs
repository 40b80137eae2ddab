using System.Collections.Immutable;
using Swarm.Core.Containers;

namespace Swarm.Core.Beam;

/// <summary>A Log reply: one chunk of output (<c>[stream, timestamp, text]</c> on the wire).</summary>
/// <param name="Entry">The chunk.</param>
public sealed record LogBody(LogEntry Entry) : BeamBody
{
    /// <inheritdoc />
    public override ImmutableArray<string> Encode() => [BeamWire.Stream(Entry.Stream), BeamWire.Time(Entry.Timestamp), Entry.Text];

    /// <summary>Reads <c>[stream, timestamp, text]</c>.</summary>
    public static LogBody Decode(ImmutableArray<string> args) =>
        new(new LogEntry(BeamWire.ParseStream(BeamArgs.At(args, 0)), BeamWire.ParseTime(BeamArgs.At(args, 1)) ?? default, BeamArgs.At(args, 2) ?? ""));
}
