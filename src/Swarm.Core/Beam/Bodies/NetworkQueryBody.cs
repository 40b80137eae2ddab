using System.Collections.Immutable;

namespace Swarm.Core.Beam;

/// <summary>A Networks request: every network (no reference), or the one network a reference names.</summary>
/// <param name="Reference">A network's name, full id or unique id prefix, or null for all.</param>
public sealed record NetworkQueryBody(string? Reference) : BeamBody
{
    /// <inheritdoc />
    public override ImmutableArray<string> Encode() => Reference is null ? [] : [Reference];

    /// <summary>Reads <c>[]</c> or <c>[reference]</c>.</summary>
    public static NetworkQueryBody Decode(ImmutableArray<string> args) => new(BeamArgs.At(args, 0) is { Length: > 0 } r ? r : null);
}
