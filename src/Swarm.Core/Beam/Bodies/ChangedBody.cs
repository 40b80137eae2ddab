using System.Collections.Immutable;

namespace Swarm.Core.Beam;

/// <summary>The Ack to Start and Stop: whether anything changed (<c>["not-modified"]</c> on the wire when not).</summary>
/// <param name="Changed">False when the container already was in the asked state.</param>
public sealed record ChangedBody(bool Changed) : BeamBody
{
    /// <summary>The wire word for "nothing changed".</summary>
    public const string NotModified = "not-modified";

    /// <inheritdoc />
    public override ImmutableArray<string> Encode() => Changed ? [] : [NotModified];

    /// <summary>Reads <c>[]</c> or <c>["not-modified"]</c>.</summary>
    public static ChangedBody Decode(ImmutableArray<string> args) => new(!string.Equals(BeamArgs.At(args, 0), NotModified, StringComparison.Ordinal));
}
