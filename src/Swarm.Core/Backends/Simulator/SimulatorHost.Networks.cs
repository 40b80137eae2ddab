using System.Net;
using System.Security.Cryptography;
using Swarm.Core.Beam;
using Swarm.Core.Containers;

namespace Swarm.Core.Backends.Simulator;

/// <summary>
/// The simulator's networks, with dockerd's semantics: <c>bridge</c>, <c>host</c> and <c>none</c> always there,
/// user networks with a subnet from dockerd's default pools (or the one asked), addresses handed out in order,
/// <c>--ip</c> only on user-configured subnets, and the network's container list kept with every change.
/// </summary>
public sealed partial class SimulatorHost
{
    private static readonly string[] LocalDrivers = ["bridge", "macvlan", "ipvlan"];

    private readonly Dictionary<string, SimNetwork> _networks = new(StringComparer.Ordinal);

    /// <inheritdoc />
    public Task<IReadOnlyList<NetworkRecord>> ListNetworksAsync(CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            return Task.FromResult<IReadOnlyList<NetworkRecord>>([.. _networks.Values.OrderBy(n => n.Name, StringComparer.Ordinal).Select(NetworkRecordOf)]);
        }
    }

    /// <inheritdoc />
    public Task<NetworkRecord> GetNetworkAsync(string reference, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(reference);
        lock (_gate)
        {
            return Task.FromResult(NetworkRecordOf(FindNetwork(reference)));
        }
    }

    /// <inheritdoc />
    public Task<NetworkRecord> CreateNetworkAsync(NetworkSpec spec, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(spec);
        DockerNetworks.Validate(spec);
        var driver = spec.Driver is { Length: > 0 } asked ? asked : "bridge";
        if (driver is "host" or "null")
        {
            throw BeamException.Invalid($"only one instance of \"{driver}\" network is allowed");
        }

        if (!LocalDrivers.Contains(driver))
        {
            throw BeamException.NotFound($"plugin \"{driver}\" not found");
        }

        lock (_gate)
        {
            if (_networks.Values.Any(n => n.Name == spec.Name))
            {
                throw DockerNetworks.NameInUse(spec.Name);
            }

            var inUse = _networks.Values.SelectMany(n => n.Ipam.Config).Select(c => Cidr.Parse(c.Subnet)).ToList();
            DockerNetworks.EnsureNoOverlap(spec, inUse);
            var network = new SimNetwork(NewId(), spec.Name, _time.GetUtcNow())
            {
                Driver = driver,
                Internal = spec.Internal,
                Attachable = spec.Attachable,
                EnableIPv6 = spec.EnableIPv6,
                UserSubnet = spec.Ipam.Config.Any(c => !Cidr.Parse(c.Subnet).IsIPv6),
                Ipam = spec.Ipam with { Driver = spec.Ipam.Driver is { Length: > 0 } ipam ? ipam : DockerNetworks.DefaultIpamDriver, Config = DockerNetworks.Complete(spec, inUse) },
                Options = spec.Options,
                Labels = spec.Labels,
            };
            _networks.Add(network.Id, network);
            return Task.FromResult(NetworkRecordOf(network));
        }
    }

    /// <inheritdoc />
    public Task DeleteNetworkAsync(string reference, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(reference);
        lock (_gate)
        {
            var network = FindNetwork(reference);
            if (network.Predefined)
            {
                throw DockerNetworks.PredefinedCannotBeRemoved(network.Name);
            }

            if (network.Endpoints.Count > 0)
            {
                throw DockerNetworks.InUse(network.Name, NetworkRecordOf(network).Containers[0]);
            }

            _networks.Remove(network.Id);
        }

        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task ConnectNetworkAsync(ContainerHandle container, EndpointSpec endpoint, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(container);
        ArgumentNullException.ThrowIfNull(endpoint);
        lock (_gate)
        {
            var c = Find(container.Id);
            var network = FindNetwork(endpoint.Network);
            if (c.NetworkIds.Contains(network.Id))
            {
                throw DockerNetworks.AlreadyConnected(c.Name, network.Name);
            }

            if (network.Name is DockerNetworks.Host or DockerNetworks.None || c.NetworkMode is DockerNetworks.Host)
            {
                throw BeamException.Invalid("container cannot be disconnected from host network or connected to host network");
            }

            if (c.NetworkMode is DockerNetworks.None)
            {
                throw BeamException.Invalid("container cannot be connected to multiple networks with one of the networks in private (none) mode");
            }

            Join(c, network, Plan(network, endpoint, []));
        }

        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task DisconnectNetworkAsync(ContainerHandle container, string network, bool force, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(container);
        lock (_gate)
        {
            var c = Find(container.Id);
            var found = FindNetwork(network);
            if (!found.Endpoints.ContainsKey(c.Id))
            {
                throw DockerNetworks.NotConnected(c.Id, found.Name);
            }

            if (found.Name == DockerNetworks.Host)
            {
                throw BeamException.Invalid("container cannot be disconnected from host network or connected to host network");
            }

            found.Endpoints.Remove(c.Id);
            c.LeaveNetwork(found.Id);
        }

        return Task.CompletedTask;
    }

    private static string NewId() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32));

    // Under the lock: the networks a new container joins, all checked before any is joined.
    private void JoinAtCreate(SimContainer c, ContainerSpec spec)
    {
        var mode = spec.NetworkMode is { Length: > 0 } m ? m : DockerNetworks.Default;
        if (mode.StartsWith("container:", StringComparison.Ordinal))
        {
            throw BeamException.NotImplemented($"{Name} does not implement network mode {mode}: a simulated container has no network stack to share");
        }

        var endpoints = spec.Networks.Count > 0
            ? spec.Networks
            : [new EndpointSpec { Network = DockerNetworks.IsDefaultMode(mode) ? DockerNetworks.Bridge : mode }];
        var networks = endpoints.Select(e => (Endpoint: e, Network: FindNetwork(e.Network))).ToList();
        if (networks.Count > 1 && networks.Exists(n => n.Network.Name is DockerNetworks.Host or DockerNetworks.None))
        {
            throw BeamException.Invalid($"Container cannot be connected to network endpoints: {string.Join(", ", networks.Select(n => n.Network.Name))}");
        }

        if (networks.DistinctBy(n => n.Network.Id).Count() != networks.Count)
        {
            throw BeamException.Invalid($"a container joins each network once: {string.Join(", ", networks.Select(n => n.Network.Name))}");
        }

        var planned = new List<SimEndpoint>();
        foreach (var (endpoint, network) in networks)
        {
            planned.Add(Plan(network, endpoint, planned));
        }

        c.NetworkMode = mode == DockerNetworks.Default ? networks[0].Network.Name : mode;
        for (var i = 0; i < networks.Count; i++)
        {
            Join(c, networks[i].Network, planned[i]);
        }
    }

    // Under the lock: the endpoint a container would get, checked against the network's rules; nothing changes yet.
    private SimEndpoint Plan(SimNetwork network, EndpointSpec endpoint, IReadOnlyList<SimEndpoint> alsoTaken)
    {
        if (network.Predefined && endpoint.Aliases.Count > 0)
        {
            throw DockerNetworks.AliasesNeedUserNetwork();
        }

        var taken = new HashSet<IPAddress>(alsoTaken.SelectMany(e => new[] { e.IPv4, e.IPv6 }).OfType<IPAddress>());
        var v4 = Address(network, network.V4, endpoint.IPv4Address, taken);
        var v6 = Address(network, network.V6, endpoint.IPv6Address, taken);
        var mac = v4 is null
            ? "02:42:" + string.Join(':', RandomNumberGenerator.GetBytes(4).Select(b => b.ToString("x2", System.Globalization.CultureInfo.InvariantCulture)))
            : "02:42:" + string.Join(':', v4.GetAddressBytes().Select(b => b.ToString("x2", System.Globalization.CultureInfo.InvariantCulture)));
        return new SimEndpoint(NewId(), v4, v6, network.Name is DockerNetworks.Host or DockerNetworks.None ? "" : mac,
            endpoint.Aliases, endpoint.IPv4Address, endpoint.IPv6Address);
    }

    private static IPAddress? Address(SimNetwork network, IpamConfig? pool, string? requested, HashSet<IPAddress> alsoTaken)
    {
        if (pool is null)
        {
            return requested is { Length: > 0 } ? throw BeamException.Invalid($"network {network.Name} has no subnet for address {requested}") : null;
        }

        var subnet = Cidr.Parse(pool.Subnet);
        if (requested is { Length: > 0 })
        {
            if (!subnet.IsIPv6 && !network.UserSubnet)
            {
                throw DockerNetworks.StaticAddressNeedsUserSubnet(network.Name);
            }

            var address = DockerNetworks.RequestedAddress(requested, pool);
            return network.InUse(address) || alsoTaken.Contains(address)
                ? throw BeamException.Conflict($"Address already in use: {requested} on network {network.Name}")
                : address;
        }

        var range = pool.IPRange is { Length: > 0 } r ? Cidr.Parse(r) : subnet;
        var reserved = new HashSet<IPAddress>((pool.AuxAddresses ?? new Dictionary<string, string>()).Values.Select(IPAddress.Parse));
        if (pool.Gateway.Length > 0)
        {
            reserved.Add(IPAddress.Parse(pool.Gateway));
        }

        var last = subnet.IsIPv6 ? range.Size : range.Size - 1;
        for (UInt128 offset = range.Network.Equals(subnet.Network) ? 1u : 0u; offset < last && offset < 1_000_000; offset++)
        {
            var candidate = range.At(offset);
            if (subnet.Contains(candidate) && !candidate.Equals(subnet.Last) && !reserved.Contains(candidate) && !network.InUse(candidate) && !alsoTaken.Contains(candidate))
            {
                return candidate;
            }
        }

        throw BeamException.Unavailable($"no available IPv{(subnet.IsIPv6 ? 6 : 4)} addresses on network {network.Name}");
    }

    // Under the lock.
    private static void Join(SimContainer c, SimNetwork network, SimEndpoint endpoint)
    {
        network.Endpoints[c.Id] = endpoint;
        c.JoinNetwork(network.Id);
    }

    // Under the lock.
    private void LeaveAll(SimContainer c)
    {
        foreach (var id in c.NetworkIds)
        {
            if (_networks.TryGetValue(id, out var network))
            {
                network.Endpoints.Remove(c.Id);
            }
        }

        c.LeaveNetworks();
    }

    // Under the lock: exact id, exact name, then a unique id prefix, as dockerd resolves a network.
    private SimNetwork FindNetwork(string reference)
    {
        if (_networks.TryGetValue(reference, out var byId))
        {
            return byId;
        }

        if (_networks.Values.FirstOrDefault(n => n.Name == reference) is { } byName)
        {
            return byName;
        }

        var matches = _networks.Values.Where(n => n.Id.StartsWith(reference, StringComparison.Ordinal)).Take(2).ToList();
        return matches.Count switch
        {
            1 => matches[0],
            0 => throw DockerNetworks.NotFound(reference),
            _ => throw BeamException.Invalid($"network {reference} is ambiguous ({matches.Count} matches found based on ID prefix)"),
        };
    }

    // Under the lock: built once per change of the container (see SimContainer), the same record until then.
    private ContainerRecord RecordOf(SimContainer c) =>
        c.Snapshot ??= c.ToRecord(Name, [.. c.NetworkIds.Select(id => _networks[id]).Select(n => EndpointOf(n, n.Endpoints[c.Id]))]);

    private static NetworkEndpoint EndpointOf(SimNetwork network, SimEndpoint e) => new()
    {
        Network = network.Name,
        NetworkId = network.Id,
        EndpointId = e.Id,
        IPAddress = e.IPv4?.ToString() ?? "",
        IPPrefixLen = e.IPv4 is null ? 0 : Cidr.Parse(network.V4!.Subnet).PrefixLength,
        Gateway = e.IPv4 is null ? "" : network.V4!.Gateway,
        GlobalIPv6Address = e.IPv6?.ToString() ?? "",
        GlobalIPv6PrefixLen = e.IPv6 is null ? 0 : Cidr.Parse(network.V6!.Subnet).PrefixLength,
        IPv6Gateway = e.IPv6 is null ? "" : network.V6!.Gateway,
        MacAddress = e.Mac,
        Aliases = e.Aliases,
        RequestedIPv4 = e.RequestedIPv4,
        RequestedIPv6 = e.RequestedIPv6,
    };

    // Under the lock.
    private NetworkRecord NetworkRecordOf(SimNetwork n) => new()
    {
        Id = n.Id,
        Name = n.Name,
        Created = n.Created,
        Driver = n.Driver,
        EnableIPv6 = n.EnableIPv6,
        Ipam = n.Ipam,
        Internal = n.Internal,
        Attachable = n.Attachable,
        Options = n.Options,
        Labels = n.Labels,
        Predefined = n.Predefined,
        Containers = [.. n.Endpoints.Where(e => _containers.ContainsKey(e.Key)).Select(e => new NetworkAttachment
        {
            ContainerId = e.Key,
            Name = _containers[e.Key].Name,
            EndpointId = e.Value.Id,
            MacAddress = e.Value.Mac,
            IPv4Address = e.Value.IPv4 is null ? "" : $"{e.Value.IPv4}/{Cidr.Parse(n.V4!.Subnet).PrefixLength}",
            IPv6Address = e.Value.IPv6 is null ? "" : $"{e.Value.IPv6}/{Cidr.Parse(n.V6!.Subnet).PrefixLength}",
        })],
    };

    private void AddPredefinedNetworks()
    {
        var created = _time.GetUtcNow();
        AddPredefined(new SimNetwork(NewId(), DockerNetworks.Bridge, created)
        {
            Predefined = true,
            Ipam = new NetworkIpam { Driver = DockerNetworks.DefaultIpamDriver, Config = [new IpamConfig { Subnet = "172.17.0.0/16", Gateway = "172.17.0.1" }] },
            Options = new Dictionary<string, string>
            {
                ["com.docker.network.bridge.default_bridge"] = "true",
                ["com.docker.network.bridge.enable_icc"] = "true",
                ["com.docker.network.bridge.enable_ip_masquerade"] = "true",
                ["com.docker.network.bridge.host_binding_ipv4"] = "0.0.0.0",
                ["com.docker.network.bridge.name"] = "docker0",
                ["com.docker.network.driver.mtu"] = "1500",
            },
        });
        AddPredefined(new SimNetwork(NewId(), DockerNetworks.Host, created) { Predefined = true, Driver = "host", Ipam = new NetworkIpam { Driver = DockerNetworks.DefaultIpamDriver } });
        AddPredefined(new SimNetwork(NewId(), DockerNetworks.None, created) { Predefined = true, Driver = "null", Ipam = new NetworkIpam { Driver = DockerNetworks.DefaultIpamDriver } });
    }

    private void AddPredefined(SimNetwork network) => _networks.Add(network.Id, network);
}
