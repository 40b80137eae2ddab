using Swarm.Backends.Openstack.Network.V2;

namespace Swarm.Backends.Openstack.Containers;

/// <summary>What a Docker network reference named on OpenStack.</summary>
internal enum NetworkKind
{
    /// <summary>The default network: the <c>--network</c> Neutron network, or none when it is not set.</summary>
    Bridge,

    /// <summary>No network at all (<c>networks: "none"</c>).</summary>
    None,

    /// <summary>A Neutron network swarmd made for a Docker network (tagged <c>swarm.managed</c>).</summary>
    Managed,

    /// <summary>A Neutron network swarmd did not make, used by name or id (compose's <c>external: true</c>).</summary>
    External,
}

/// <summary>A Docker network reference resolved: its kind, Docker id and name, and the Neutron network behind it, if any.</summary>
internal sealed record ResolvedNetwork(NetworkKind Kind, string Id, string Name, NeutronNetwork? Neutron, NetworkState? State)
{
    /// <summary>True when a Neutron network is behind it.</summary>
    public bool HasNeutron => Neutron is not null;
}

/// <summary>The <c>--network</c> of the backend: a Neutron network, or Nova's <c>auto</c> allocation.</summary>
internal sealed record BridgeNetwork(NeutronNetwork? Network, bool Auto);
