using System.Collections.Immutable;

namespace Swarm.Core.Beam;

/// <summary>An Images request: every image (no reference), or the one image a reference names.</summary>
/// <param name="Reference">An image reference (<c>cirros</c>, <c>cirros:latest</c>, an id), or null for all.</param>
public sealed record ImageQueryBody(string? Reference) : BeamBody
{
    /// <inheritdoc />
    public override ImmutableArray<string> Encode() => Reference is null ? [] : [Reference];

    /// <summary>Reads <c>[]</c> or <c>[reference]</c>.</summary>
    public static ImageQueryBody Decode(ImmutableArray<string> args) => new(BeamArgs.At(args, 0) is { Length: > 0 } r ? r : null);
}
