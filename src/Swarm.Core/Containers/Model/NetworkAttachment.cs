namespace Swarm.Core.Containers;

/// <summary>One container attached to a network, as the network's inspect shows it.</summary>
public sealed record NetworkAttachment
{
    /// <summary>The container's id.</summary>
    public required string ContainerId { get; init; }

    /// <summary>The container's name.</summary>
    public string Name { get; init; } = "";

    /// <summary>The endpoint's id (for OpenStack, the Neutron port's UUID).</summary>
    public string EndpointId { get; init; } = "";

    /// <summary>The endpoint's MAC address.</summary>
    public string MacAddress { get; init; } = "";

    /// <summary>The IPv4 address with its prefix length (<c>172.18.0.2/16</c>), or empty.</summary>
    public string IPv4Address { get; init; } = "";

    /// <summary>The IPv6 address with its prefix length, or empty.</summary>
    public string IPv6Address { get; init; } = "";
}
