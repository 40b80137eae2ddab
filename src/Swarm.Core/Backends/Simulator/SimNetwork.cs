using System.Net;
using Swarm.Core.Containers;

namespace Swarm.Core.Backends.Simulator;

/// <summary>One simulated network's state; every field is guarded by the host's lock.</summary>
internal sealed class SimNetwork(string id, string name, DateTimeOffset created)
{
    public string Id { get; } = id;

    public string Name { get; } = name;

    public DateTimeOffset Created { get; } = created;

    public string Driver { get; init; } = "bridge";

    public bool Internal { get; init; }

    public bool Attachable { get; init; }

    public bool EnableIPv6 { get; init; }

    public bool Predefined { get; init; }

    /// <summary>True when the user chose the IPv4 subnet: only then may a container ask for its address.</summary>
    public bool UserSubnet { get; init; }

    public NetworkIpam Ipam { get; init; } = new();

    public IReadOnlyDictionary<string, string> Options { get; init; } = new Dictionary<string, string>();

    public IReadOnlyDictionary<string, string> Labels { get; init; } = new Dictionary<string, string>();

    /// <summary>Endpoints by container id.</summary>
    public Dictionary<string, SimEndpoint> Endpoints { get; } = new(StringComparer.Ordinal);

    /// <summary>The IPv4 pool, if the network has one.</summary>
    public IpamConfig? V4 => Ipam.Config.FirstOrDefault(c => !Cidr.Parse(c.Subnet).IsIPv6);

    /// <summary>The IPv6 pool, if the network has one.</summary>
    public IpamConfig? V6 => Ipam.Config.FirstOrDefault(c => Cidr.Parse(c.Subnet).IsIPv6);

    /// <summary>True when <paramref name="address"/> is taken on this network.</summary>
    public bool InUse(IPAddress address) => Endpoints.Values.Any(e => address.Equals(e.IPv4) || address.Equals(e.IPv6));
}

/// <summary>A container's endpoint on a simulated network.</summary>
internal sealed record SimEndpoint(string Id, IPAddress? IPv4, IPAddress? IPv6, string Mac, IReadOnlyList<string> Aliases, string? RequestedIPv4, string? RequestedIPv6);
