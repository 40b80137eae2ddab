using System.Net;
using Swarm.Backends.Openstack.Cloud;
using Swarm.Backends.Openstack.Compute.V2;
using Swarm.Backends.Openstack.Network.V2;
using Swarm.Core.Containers;

namespace Swarm.Backends.Openstack.Containers;

/// <summary>
/// Completes a container's endpoints for inspect with what only Neutron knows: the subnet's prefix length and gateway
/// (subnets cached), the address of a port Nova has not bound yet (one call for all of them), and the id of the
/// default network's port, which Nova made (one call). A container without networks costs nothing.
/// </summary>
internal sealed class EndpointDetails(OpenstackCloud cloud, NeutronNetworks networks)
{
    public async Task<ContainerRecord> CompleteAsync(ContainerRecord record, Server server, IReadOnlyList<NeutronPort>? known, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(record);
        if (record.Networks.Count == 0)
        {
            return record;
        }

        var ports = (known ?? []).ToDictionary(p => p.Id, StringComparer.Ordinal);
        var unbound = record.Networks
            .Where(e => e.EndpointId.Length > 0 && e.IPAddress.Length == 0 && e.GlobalIPv6Address.Length == 0 && !ports.ContainsKey(e.EndpointId))
            .Select(e => e.EndpointId).ToList();
        if (unbound.Count > 0)
        {
            var neutron = await cloud.NetworkAsync(cancellationToken).ConfigureAwait(false);
            foreach (var port in await neutron.Ports.ListAsync(unbound.Select(id => new KeyValuePair<string, string>("id", id)), cancellationToken).ConfigureAwait(false))
            {
                ports[port.Id] = port;
            }
        }

        var bridge = record.Networks.Any(e => e.Network == DockerNetworks.Bridge && e.EndpointId.Length == 0)
            ? (await networks.BridgeAsync(cancellationToken).ConfigureAwait(false))?.Network
            : null;
        NeutronPort? bridgePort = null;
        if (bridge is not null)
        {
            var neutron = await cloud.NetworkAsync(cancellationToken).ConfigureAwait(false);
            bridgePort = (await neutron.Ports.ListAsync(NeutronQuery.Of(("device_id", server.Id), ("network_id", bridge.Id)), cancellationToken).ConfigureAwait(false)).FirstOrDefault();
        }

        var endpoints = new List<NetworkEndpoint>(record.Networks.Count);
        foreach (var endpoint in record.Networks)
        {
            var isBridge = endpoint.Network == DockerNetworks.Bridge && endpoint.EndpointId.Length == 0;
            var completed = endpoint with { NetworkId = endpoint.NetworkId.Length > 0 ? endpoint.NetworkId : isBridge ? bridge?.Id ?? "" : "" };
            var port = isBridge ? bridgePort : ports.GetValueOrDefault(endpoint.EndpointId);
            if (port is not null)
            {
                completed = WithPort(completed, port);
            }

            if (completed.NetworkId.Length > 0)
            {
                completed = WithSubnets(completed, await networks.SubnetsAsync(completed.NetworkId, cancellationToken).ConfigureAwait(false));
            }

            endpoints.Add(completed);
        }

        return record with { Networks = endpoints };
    }

    /// <summary>The endpoint with the port's id, and its addresses and MAC where Nova showed none.</summary>
    public static NetworkEndpoint WithPort(NetworkEndpoint endpoint, NeutronPort port)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        ArgumentNullException.ThrowIfNull(port);
        var v4 = port.FixedIps.Select(f => f.IpAddress).FirstOrDefault(a => a is not null && !a.Contains(':', StringComparison.Ordinal));
        var v6 = port.FixedIps.Select(f => f.IpAddress).FirstOrDefault(a => a is not null && a.Contains(':', StringComparison.Ordinal));
        return endpoint with
        {
            EndpointId = port.Id,
            NetworkId = endpoint.NetworkId.Length > 0 ? endpoint.NetworkId : port.NetworkId,
            IPAddress = endpoint.IPAddress.Length > 0 ? endpoint.IPAddress : v4 ?? "",
            GlobalIPv6Address = endpoint.GlobalIPv6Address.Length > 0 ? endpoint.GlobalIPv6Address : v6 ?? "",
            MacAddress = endpoint.MacAddress.Length > 0 ? endpoint.MacAddress : port.MacAddress,
        };
    }

    /// <summary>The endpoint with the prefix length and gateway of the subnets its addresses are in.</summary>
    public static NetworkEndpoint WithSubnets(NetworkEndpoint endpoint, IReadOnlyList<NeutronSubnet> subnets)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        var v4 = SubnetOf(endpoint.IPAddress, subnets);
        var v6 = SubnetOf(endpoint.GlobalIPv6Address, subnets);
        return endpoint with
        {
            IPPrefixLen = v4?.Block.PrefixLength ?? endpoint.IPPrefixLen,
            Gateway = v4?.Subnet.GatewayIp ?? endpoint.Gateway,
            GlobalIPv6PrefixLen = v6?.Block.PrefixLength ?? endpoint.GlobalIPv6PrefixLen,
            IPv6Gateway = v6?.Subnet.GatewayIp ?? endpoint.IPv6Gateway,
        };
    }

    private static (NeutronSubnet Subnet, Cidr Block)? SubnetOf(string address, IReadOnlyList<NeutronSubnet> subnets)
    {
        if (!Cidr.TryParseAddress(address, out var ip))
        {
            return null;
        }

        foreach (var subnet in subnets)
        {
            if (Cidr.TryParse(subnet.Cidr, out var block) && block.Contains(ip))
            {
                return (subnet, block);
            }
        }

        return null;
    }

    /// <summary>An address with its subnet's prefix length (<c>10.0.0.5/24</c>), as a network's inspect lists members.</summary>
    public static string WithPrefix(string? address, IReadOnlyList<NeutronSubnet> subnets) =>
        address is { Length: > 0 } && SubnetOf(address, subnets) is { } found ? $"{IPAddress.Parse(address)}/{found.Block.PrefixLength}" : "";
}
