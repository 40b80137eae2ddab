using Swarm.Backends.Openstack.Compute.V2;
using Swarm.Core.Containers;

namespace Swarm.Backends.Openstack.Containers;

/// <summary>
/// A server's Docker endpoints from what Nova lists, with no call: the networks of its ports swarmd made (metadata
/// <c>swarm.nets</c>), each with the address and MAC Nova shows on that network once it has bound the port. An
/// address on any other network is the default network's, shown as <c>bridge</c> (the <c>--network</c> port Nova made).
/// Prefix lengths, gateways and the bridge port's id need Neutron: <see cref="ContainerPorts"/> adds them on inspect.
/// </summary>
internal static class ServerEndpoints
{
    public static IReadOnlyList<NetworkEndpoint> Of(Server server)
    {
        ArgumentNullException.ThrowIfNull(server);
        var meta = server.Metadata ?? new Dictionary<string, string>();
        var addresses = server.Addresses ?? new Dictionary<string, IReadOnlyList<ServerAddress>>();
        var entries = ServerMetadata.Endpoints(meta);
        var endpoints = new List<NetworkEndpoint>();
        foreach (var entry in entries)
        {
            endpoints.Add(With(new NetworkEndpoint
            {
                Network = entry.Docker ?? entry.Name,
                NetworkId = entry.NetworkId,
                EndpointId = entry.PortId,
                Aliases = entry.Aliases ?? [],
                RequestedIPv4 = entry.IPv4,
                RequestedIPv6 = entry.IPv6,
            }, addresses.GetValueOrDefault(entry.Name)));
        }

        var bridgeTaken = !ServerMetadata.IsManaged(meta);
        foreach (var (network, list) in addresses.Where(a => !entries.Any(e => e.Name == a.Key)).OrderBy(a => a.Key, StringComparer.Ordinal))
        {
            endpoints.Add(With(new NetworkEndpoint { Network = bridgeTaken ? network : DockerNetworks.Bridge }, list));
            bridgeTaken = true;
        }

        return endpoints;
    }

    /// <summary>The endpoint with the addresses and MAC of Nova's listing for its network.</summary>
    public static NetworkEndpoint With(NetworkEndpoint endpoint, IReadOnlyList<ServerAddress>? addresses)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        if (addresses is not { Count: > 0 })
        {
            return endpoint;
        }

        var v4 = addresses.FirstOrDefault(a => a.Version == 4);
        var v6 = addresses.FirstOrDefault(a => a.Version == 6);
        return endpoint with
        {
            IPAddress = v4?.Addr ?? endpoint.IPAddress,
            GlobalIPv6Address = v6?.Addr ?? endpoint.GlobalIPv6Address,
            MacAddress = addresses.Select(a => a.MacAddress).FirstOrDefault(m => m is { Length: > 0 }) ?? endpoint.MacAddress,
        };
    }
}
