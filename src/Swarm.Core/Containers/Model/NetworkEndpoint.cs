namespace Swarm.Core.Containers;

/// <summary>A container's endpoint on one network, as its inspect shows it (<c>NetworkSettings.Networks[name]</c>).</summary>
public sealed record NetworkEndpoint
{
    /// <summary>The network's name.</summary>
    public required string Network { get; init; }

    /// <summary>The network's id.</summary>
    public string NetworkId { get; init; } = "";

    /// <summary>The endpoint's id (for OpenStack, the Neutron port's UUID).</summary>
    public string EndpointId { get; init; } = "";

    /// <summary>The IPv4 address, or empty.</summary>
    public string IPAddress { get; init; } = "";

    /// <summary>The prefix length of the IPv4 subnet (0 when there is no address).</summary>
    public int IPPrefixLen { get; init; }

    /// <summary>The IPv4 gateway, or empty.</summary>
    public string Gateway { get; init; } = "";

    /// <summary>The IPv6 address, or empty.</summary>
    public string GlobalIPv6Address { get; init; } = "";

    /// <summary>The prefix length of the IPv6 subnet.</summary>
    public int GlobalIPv6PrefixLen { get; init; }

    /// <summary>The IPv6 gateway, or empty.</summary>
    public string IPv6Gateway { get; init; } = "";

    /// <summary>The MAC address, or empty.</summary>
    public string MacAddress { get; init; } = "";

    /// <summary>The aliases asked for (the frontend adds the container's short id, as dockerd does).</summary>
    public IReadOnlyList<string> Aliases { get; init; } = [];

    /// <summary>The IPv4 address asked for at create or connect, or null.</summary>
    public string? RequestedIPv4 { get; init; }

    /// <summary>The IPv6 address asked for at create or connect, or null.</summary>
    public string? RequestedIPv6 { get; init; }
}
