using System.Collections.Immutable;

namespace Swarm.Core.Beam;

/// <summary>A NetworkDisconnect: the network (<c>[network, "force"?]</c> on the wire).</summary>
/// <param name="Network">The network's name, full id or unique id prefix.</param>
/// <param name="Force">Docker's force flag, passed on.</param>
public sealed record DisconnectBody(string Network, bool Force) : BeamBody
{
    /// <inheritdoc />
    public override ImmutableArray<string> Encode() => Force ? [Network, "force"] : [Network];

    /// <summary>Reads <c>[network, "force"?]</c>.</summary>
    public static DisconnectBody Decode(ImmutableArray<string> args) =>
        new(BeamArgs.Required(args, 0, "a network"), string.Equals(BeamArgs.At(args, 1), "force", StringComparison.Ordinal));
}
