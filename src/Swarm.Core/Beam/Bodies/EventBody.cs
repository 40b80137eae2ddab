using System.Collections.Immutable;
using Swarm.Core.Containers;

namespace Swarm.Core.Beam;

/// <summary>An Event reply to Watch: one container event, a JSON document on the wire.</summary>
/// <param name="Event">The event.</param>
public sealed record EventBody(ContainerEvent Event) : BeamBody
{
    /// <inheritdoc />
    public override ImmutableArray<string> Encode() => [BeamJson.Write(Event)];

    /// <inheritdoc />
    public override BeamBody Redacted() => new EventBody(Event with { Attributes = Redaction.Attributes(Event.Attributes) });

    /// <summary>Reads <c>[event json]</c>.</summary>
    public static EventBody Decode(ImmutableArray<string> args) => new(BeamJson.Read<ContainerEvent>(BeamArgs.At(args, 0)));
}
