using Swarm.Backends.DockerServer.Http;
using Swarm.Backends.DockerServer.Wire;
using Swarm.Core.Containers;

namespace Swarm.Backends.DockerServer.Routes;

/// <summary>A backend's networks and endpoints in Docker's shapes.</summary>
internal static class NetworkViews
{
    /// <summary>A network for list and inspect: driver, options, IPAM and labels verbatim (compose compares them).</summary>
    public static NetworkResource Resource(NetworkRecord network, bool withContainers) => new()
    {
        Name = network.Name,
        Id = network.Id,
        Created = DockerText.Rfc3339(network.Created),
        Scope = network.Scope,
        Driver = network.Driver,
        EnableIPv6 = network.EnableIPv6,
        IPAM = new WireIpam
        {
            Driver = network.Ipam.Driver is { Length: > 0 } driver ? driver : DockerNetworks.DefaultIpamDriver,
            Options = network.Ipam.Options,
            Config = [.. network.Ipam.Config.Select(c => new WireIpamConfig
            {
                Subnet = NullIfEmpty(c.Subnet),
                IPRange = NullIfEmpty(c.IPRange),
                Gateway = NullIfEmpty(c.Gateway),
                AuxiliaryAddresses = c.AuxAddresses is { Count: > 0 } aux ? aux : null,
            })],
        },
        Internal = network.Internal,
        Attachable = network.Attachable,
        Containers = withContainers
            ? network.Containers.ToDictionary(c => c.ContainerId, c => new EndpointResource
            {
                Name = c.Name,
                EndpointId = c.EndpointId,
                MacAddress = c.MacAddress,
                IPv4Address = c.IPv4Address,
                IPv6Address = c.IPv6Address,
            })
            : new Dictionary<string, EndpointResource>(),
        Options = network.Options,
        Labels = network.Labels,
        Backend = network.Details,
    };

    /// <summary>
    /// A container's endpoints by network name. On a user network the aliases include the container's short id, as
    /// dockerd reports them (compose 1.29 disconnects and reconnects a container whose aliases lack it).
    /// </summary>
    public static Dictionary<string, EndpointSettings> Endpoints(ContainerRecord record) =>
        record.Networks.ToDictionary(e => e.Network, e => Endpoint(record, e), StringComparer.Ordinal);

    private static EndpointSettings Endpoint(ContainerRecord record, NetworkEndpoint e)
    {
        var user = !DockerNetworks.IsPredefined(e.Network);
        var shortId = DockerNetworks.Short(record.Id);
        return new EndpointSettings
        {
            IPAMConfig = e.RequestedIPv4 is null && e.RequestedIPv6 is null ? null : new EndpointIpamConfig { IPv4Address = e.RequestedIPv4, IPv6Address = e.RequestedIPv6 },
            Aliases = user ? [.. e.Aliases.Append(shortId).Distinct(StringComparer.Ordinal)] : null,
            MacAddress = e.MacAddress,
            NetworkId = e.NetworkId,
            EndpointId = e.EndpointId,
            Gateway = e.Gateway,
            IPAddress = e.IPAddress,
            IPPrefixLen = e.IPPrefixLen,
            IPv6Gateway = e.IPv6Gateway,
            GlobalIPv6Address = e.GlobalIPv6Address,
            GlobalIPv6PrefixLen = e.GlobalIPv6PrefixLen,
            DNSNames = user ? [.. new[] { record.Name, shortId }.Concat(e.Aliases).Distinct(StringComparer.Ordinal)] : null,
        };
    }

    private static string? NullIfEmpty(string value) => value.Length == 0 ? null : value;
}
