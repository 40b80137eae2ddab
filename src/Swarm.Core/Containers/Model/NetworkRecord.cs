namespace Swarm.Core.Containers;

/// <summary>What a backend knows about one network: an item of the Networks verb's answer.</summary>
public sealed record NetworkRecord
{
    /// <summary>The id (for OpenStack, the Neutron network's UUID).</summary>
    public required string Id { get; init; }

    /// <summary>The name.</summary>
    public required string Name { get; init; }

    /// <summary>When it was created.</summary>
    public DateTimeOffset Created { get; init; }

    /// <summary>Docker's scope: <c>local</c>.</summary>
    public string Scope { get; init; } = "local";

    /// <summary>The driver, as asked at create (<c>bridge</c>, <c>host</c>, <c>null</c>).</summary>
    public string Driver { get; init; } = "bridge";

    /// <summary>Members get IPv6 addresses.</summary>
    public bool EnableIPv6 { get; init; }

    /// <summary>Address management: the pools as asked, with the subnet and gateway in use.</summary>
    public NetworkIpam Ipam { get; init; } = new();

    /// <summary>No route outside the network.</summary>
    public bool Internal { get; init; }

    /// <summary>Echo of the create's Attachable.</summary>
    public bool Attachable { get; init; }

    /// <summary>Driver options, verbatim.</summary>
    public IReadOnlyDictionary<string, string> Options { get; init; } = new Dictionary<string, string>();

    /// <summary>Labels, verbatim.</summary>
    public IReadOnlyDictionary<string, string> Labels { get; init; } = new Dictionary<string, string>();

    /// <summary>
    /// The containers attached, with their endpoints. A listing may leave it empty, as Docker's does; the answer to a
    /// single reference has it.
    /// </summary>
    public IReadOnlyList<NetworkAttachment> Containers { get; init; } = [];

    /// <summary>A network every host has and nobody removes (<c>bridge</c>, <c>host</c>, <c>none</c>).</summary>
    public bool Predefined { get; init; }

    /// <summary>Backend-specific facts shown as they are (for OpenStack: the Neutron network, subnets, security group).</summary>
    public IReadOnlyDictionary<string, string> Details { get; init; } = new Dictionary<string, string>();
}
