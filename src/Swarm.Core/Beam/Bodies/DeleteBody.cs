using System.Collections.Immutable;

namespace Swarm.Core.Beam;

/// <summary>A Delete: whether a running object may be removed (<c>["force"]</c> on the wire).</summary>
/// <param name="Force">Remove even when running (or in use).</param>
public sealed record DeleteBody(bool Force) : BeamBody
{
    /// <inheritdoc />
    public override ImmutableArray<string> Encode() => Force ? ["force"] : [];

    /// <summary>Reads <c>["force"?]</c>.</summary>
    public static DeleteBody Decode(ImmutableArray<string> args) => new(string.Equals(BeamArgs.At(args, 0), "force", StringComparison.Ordinal));
}
