namespace Swarm.Core.Containers;

/// <summary>
/// A container's place on one network, as asked at create (<c>NetworkingConfig.EndpointsConfig</c>) or by a network
/// connect (<c>EndpointConfig</c>).
/// </summary>
public sealed record EndpointSpec
{
    /// <summary>The network: a name, a full id or a unique id prefix.</summary>
    public required string Network { get; init; }

    /// <summary>More names the container answers to on this network.</summary>
    public IReadOnlyList<string> Aliases { get; init; } = [];

    /// <summary>The IPv4 address asked for (<c>--ip</c>), or null to let the network choose.</summary>
    public string? IPv4Address { get; init; }

    /// <summary>The IPv6 address asked for (<c>--ip6</c>), or null to let the network choose.</summary>
    public string? IPv6Address { get; init; }
}
