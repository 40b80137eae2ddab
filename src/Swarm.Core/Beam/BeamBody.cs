using System.Collections.Immutable;

namespace Swarm.Core.Beam;

/// <summary>
/// What a message carries: one of the closed set of bodies in <c>Beam/Bodies</c>, each the typed form of one verb's
/// request or reply. In a process, bodies travel as they are; <see cref="Encode"/> gives their string form (the
/// protocol's arguments, JSON where structured) for a log line or a transport, and <see cref="BeamCodec"/> reads it back.
/// </summary>
public abstract record BeamBody
{
    // Only this assembly derives bodies: the set is closed, so the codec knows every one.
    private protected BeamBody()
    {
    }

    /// <summary>The body's arguments, by position, as <c>docs/beam-protocol.md</c> lists them per verb.</summary>
    public abstract ImmutableArray<string> Encode();

    /// <summary>The body with values a log must not show (env values, label values) masked.</summary>
    public virtual BeamBody Redacted() => this;
}
