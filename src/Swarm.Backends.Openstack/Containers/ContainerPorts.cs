using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using Swarm.Backends.Openstack.Cloud;
using Swarm.Backends.Openstack.Compute.V2;
using Swarm.Backends.Openstack.Http;
using Swarm.Backends.Openstack.Network.V2;
using Swarm.Core.Beam;
using Swarm.Core.Containers;

namespace Swarm.Backends.Openstack.Containers;

/// <summary>
/// A container's place on Docker networks, as Neutron ports. At create, a port per network swarmd makes itself (so
/// <c>--ip</c> is honoured and a failed <c>POST /servers</c> leaves no port behind) and hands to Nova as
/// <c>{"port": id}</c>; the default network's port is Nova's own (<c>{"uuid": id}</c>). The ports are recorded in the
/// server's metadata, removed with the container, and plugged in or out by network connect and disconnect
/// (<c>os-interface</c>). A network's inspect lists its members from its ports.
/// </summary>
internal sealed class ContainerPorts(
    OpenstackCloud cloud,
    OpenstackOptions options,
    NeutronNetworks networks,
    ServerFinder finder,
    ServerLifecycle lifecycle,
    NetworkRouting routing,
    TimeProvider time,
    ILogger logger)
{
    /// <summary>Resolves and checks a create's networks; nothing is made yet.</summary>
    public async Task<NetworkPlan> PlanAsync(ContainerSpec spec, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(spec);
        var mode = spec.NetworkMode is { Length: > 0 } m ? m : DockerNetworks.Default;
        if (mode == DockerNetworks.Host)
        {
            throw BeamException.Invalid("openstack: network mode host is not possible: each container is a Nova server with its own network stack");
        }

        if (mode.StartsWith("container:", StringComparison.Ordinal))
        {
            throw BeamException.NotImplemented($"openstack does not implement network mode {mode}: a Nova server cannot share another server's network stack");
        }

        var asked = spec.Networks.Count > 0 || mode == DockerNetworks.None
            ? spec.Networks
            : [new EndpointSpec { Network = DockerNetworks.IsDefaultMode(mode) ? DockerNetworks.Bridge : mode }];
        var planned = new List<PlannedEndpoint>();
        foreach (var endpoint in asked)
        {
            var network = await networks.ResolveAsync(endpoint.Network, cancellationToken).ConfigureAwait(false);
            Check(network, endpoint);
            planned.Add(new PlannedEndpoint(network, endpoint));
        }

        if (planned.Count > 1 && planned.Exists(p => p.Network.Kind == NetworkKind.None))
        {
            throw BeamException.Invalid($"Container cannot be connected to network endpoints: {string.Join(", ", planned.Select(p => p.Network.Name))}");
        }

        if (planned.DistinctBy(p => p.Network.Id).Count() != planned.Count)
        {
            throw BeamException.Invalid($"a container joins each network once: {string.Join(", ", planned.Select(p => p.Network.Name))}");
        }

        var bridge = planned.Exists(p => p.Network.Kind == NetworkKind.Bridge) ? await networks.BridgeAsync(cancellationToken).ConfigureAwait(false) : null;
        if (bridge is { Auto: true } && planned.Count > 1)
        {
            throw BeamException.Invalid("openstack: with --network=auto, a container on bridge can be on no other network (Nova's automatic allocation stands alone)");
        }

        return new NetworkPlan(planned, bridge?.Auto ?? false);
    }

    /// <summary>
    /// Makes the ports of a plan, all or none. A container that publishes ports (<paramref name="publishGroup"/>, its
    /// security group) has its primary port made by swarmd on any network, <c>bridge</c> included, with that group too:
    /// the port forwardings need the port before the server exists.
    /// </summary>
    public async Task<IReadOnlyList<MadePort>> CreatePortsAsync(NetworkPlan plan, string container, string? publishGroup, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(plan);
        var made = new List<MadePort>();
        try
        {
            for (var i = 0; i < plan.Endpoints.Count; i++)
            {
                var planned = plan.Endpoints[i];
                var publishing = i == 0 && publishGroup is not null;
                if (planned.Network.Kind is NetworkKind.Managed or NetworkKind.External || (publishing && planned.Network is { Kind: NetworkKind.Bridge, HasNeutron: true }))
                {
                    IReadOnlyList<string>? groups = planned.Network.State?.SecurityGroupId is { } own ? [own] : null;
                    if (publishing)
                    {
                        groups = [.. groups ?? await routing.BaseSecurityGroupsAsync(cancellationToken).ConfigureAwait(false), publishGroup!];
                    }

                    made.Add(new MadePort(planned, await CreatePortAsync(planned, container, groups, cancellationToken).ConfigureAwait(false)));
                }
            }

            return made;
        }
        catch
        {
            await DeletePortsAsync(made.Select(p => p.Port.Id), CancellationToken.None).ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>Nova's <c>networks</c> for a plan: <c>"none"</c>, <c>"auto"</c>, or the ports and the default network in order.</summary>
    public static JsonNode NovaNetworks(NetworkPlan plan, IReadOnlyList<MadePort> made)
    {
        ArgumentNullException.ThrowIfNull(plan);
        if (plan.Auto)
        {
            return JsonValue.Create("auto");
        }

        var list = new JsonArray();
        foreach (var planned in plan.Endpoints)
        {
            if (made.FirstOrDefault(p => p.Planned == planned) is { } port)
            {
                list.Add((JsonNode)new JsonObject { ["port"] = port.Port.Id });
            }
            else if (planned.Network is { Kind: NetworkKind.Bridge, Neutron: { } bridge })
            {
                list.Add((JsonNode)new JsonObject { ["uuid"] = bridge.Id });
            }
        }

        return list.Count > 0 ? list : JsonValue.Create("none");
    }

    /// <summary>The metadata entries that record the ports made.</summary>
    public static IReadOnlyList<EndpointEntry> Entries(IReadOnlyList<MadePort> made) => [.. made.Select(p => Entry(p.Planned, p.Port))];

    /// <summary>The ports swarmd made for container <paramref name="name"/>, on any network, bound or not.</summary>
    public async Task<IReadOnlyList<NeutronPort>> MadeForAsync(string name, CancellationToken cancellationToken)
    {
        var neutron = await cloud.NetworkAsync(cancellationToken).ConfigureAwait(false);
        return [.. (await neutron.Ports.ListAsync(NeutronQuery.Of(("name", name)), cancellationToken).ConfigureAwait(false))
            .Where(p => p.Description?.StartsWith(DescriptionPrefix(name), StringComparison.Ordinal) == true)];
    }

    /// <summary>Removes ports (404 is fine); a failure is logged: an unbound swarmd port is swept by its network's removal.</summary>
    public async Task DeletePortsAsync(IEnumerable<string> portIds, CancellationToken cancellationToken)
    {
        var ids = portIds.ToList();
        if (ids.Count == 0)
        {
            return;
        }

        var neutron = await cloud.NetworkAsync(cancellationToken).ConfigureAwait(false);
        foreach (var id in ids)
        {
            try
            {
                var response = await neutron.Ports.DeleteAsync(id, cancellationToken).ConfigureAwait(false);
                if (!response.IsSuccess && response.Status != 404)
                {
                    Log.CleanupFailed(logger, $"port {id}", $"HTTP {response.Status}");
                }
            }
            catch (BeamException ex)
            {
                Log.CleanupFailed(logger, $"port {id}", ex.Message);
            }
        }
    }

    /// <summary>After a container is removed: removes the ports swarmd made for it.</summary>
    public Task ReleaseAsync(Server removed, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(removed);
        return DeletePortsAsync(ServerMetadata.Endpoints(removed.Metadata).Select(e => e.PortId), cancellationToken);
    }

    /// <summary>A network by reference with its members, from its ports and one listing of the servers.</summary>
    public async Task<NetworkRecord> InspectAsync(string reference, CancellationToken cancellationToken)
    {
        var network = await networks.ResolveAsync(reference, cancellationToken).ConfigureAwait(false);
        if (network.Kind == NetworkKind.None)
        {
            var all = await finder.ListAsync(null, cancellationToken).ConfigureAwait(false);
            return networks.Record(network, [], [.. all
                .Where(s => ServerMetadata.NetworkMode(s.Metadata ?? new Dictionary<string, string>()) == DockerNetworks.None)
                .Select(s => new NetworkAttachment { ContainerId = s.Id, Name = s.Name })]);
        }

        if (!network.HasNeutron)
        {
            return networks.Record(network, []);
        }

        var neutron = await cloud.NetworkAsync(cancellationToken).ConfigureAwait(false);
        var portsTask = neutron.Ports.ListAsync(NeutronQuery.Of(("network_id", network.Id)), cancellationToken);
        var serversTask = finder.ListAsync(null, cancellationToken);
        var subnets = await networks.SubnetsAsync(network.Id, cancellationToken).ConfigureAwait(false);
        var ports = await portsTask.ConfigureAwait(false);
        var servers = await serversTask.ConfigureAwait(false);
        var byPort = servers.SelectMany(s => ServerMetadata.Endpoints(s.Metadata).Select(e => (e.PortId, Server: s))).ToDictionary(x => x.PortId, x => x.Server, StringComparer.Ordinal);
        var byId = servers.ToDictionary(s => s.Id, StringComparer.Ordinal);
        var members = new List<NetworkAttachment>();
        foreach (var port in ports)
        {
            var server = byPort.GetValueOrDefault(port.Id) ?? byId.GetValueOrDefault(port.DeviceId);
            if (server is null)
            {
                continue;
            }

            members.Add(new NetworkAttachment
            {
                ContainerId = server.Id,
                Name = server.Name,
                EndpointId = port.Id,
                MacAddress = port.MacAddress,
                IPv4Address = EndpointDetails.WithPrefix(port.FixedIps.Select(f => f.IpAddress).FirstOrDefault(a => a?.Contains('.', StringComparison.Ordinal) == true), subnets),
                IPv6Address = EndpointDetails.WithPrefix(port.FixedIps.Select(f => f.IpAddress).FirstOrDefault(a => a?.Contains(':', StringComparison.Ordinal) == true), subnets),
            });
        }

        return networks.Record(network, network.State is null ? subnets : [], members);
    }

    /// <summary>Puts a container on one more network: a port plugged in with <c>os-interface</c>, recorded in its metadata.</summary>
    public async Task ConnectAsync(NovaContainer container, EndpointSpec endpoint, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(container);
        ArgumentNullException.ThrowIfNull(endpoint);
        var network = await networks.ResolveAsync(endpoint.Network, cancellationToken).ConfigureAwait(false);
        var server = await lifecycle.SettledAsync(await lifecycle.CurrentAsync(container, cancellationToken).ConfigureAwait(false), cancellationToken).ConfigureAwait(false);
        var meta = server.Metadata ?? new Dictionary<string, string>();
        if (ServerMetadata.NetworkMode(meta) == DockerNetworks.None)
        {
            throw BeamException.Invalid("container cannot be connected to multiple networks with one of the networks in private (none) mode");
        }

        if (network.Kind == NetworkKind.None)
        {
            throw BeamException.Invalid("container cannot be connected to multiple networks with one of the networks in private (none) mode");
        }

        var entries = ServerMetadata.Endpoints(meta);
        if (entries.Any(e => e.NetworkId == network.Id) || (network.Kind == NetworkKind.Bridge && ServerEndpoints.Of(server).Any(e => e.Network == DockerNetworks.Bridge)))
        {
            throw DockerNetworks.AlreadyConnected(server.Name, network.Name);
        }

        Check(network, endpoint);
        container.Changed();
        finder.Forget(server.Id);
        var compute = await cloud.ComputeAsync(cancellationToken).ConfigureAwait(false);
        if (network.Kind == NetworkKind.Bridge)
        {
            var bridge = network.Neutron ?? throw BeamException.Invalid(
                "openstack: bridge has no Neutron network behind it (start swarmd's openstack backend with --network=NAME to give it one)");
            (await compute.Servers.AttachInterfaceAsync(server.Id, new InterfaceAttachment { NetworkId = bridge.Id }, cancellationToken).ConfigureAwait(false))
                .EnsureSuccess($"connect server {server.Name} ({server.Id}) to network bridge ({bridge.Id})");
            return;
        }

        var planned = new PlannedEndpoint(network, endpoint);
        var port = await CreatePortAsync(planned, server.Name, network.State?.SecurityGroupId is { } group ? [group] : null, cancellationToken).ConfigureAwait(false);
        try
        {
            (await compute.Servers.AttachInterfaceAsync(server.Id, new InterfaceAttachment { PortId = port.Id }, cancellationToken).ConfigureAwait(false))
                .EnsureSuccess($"connect server {server.Name} ({server.Id}) to network {network.Name}");
            Log.PortAction(logger, server.Id, port.Id, "attached");
            await RecordAsync(server, [.. entries, Entry(planned, port)], cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            await DeletePortsAsync([port.Id], CancellationToken.None).ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>Takes a container off a network: the port unplugged (waiting until Nova has let it go), removed if swarmd made it.</summary>
    public async Task DisconnectAsync(NovaContainer container, string reference, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(container);
        var network = await networks.ResolveAsync(reference, cancellationToken).ConfigureAwait(false);
        var server = await lifecycle.SettledAsync(await lifecycle.CurrentAsync(container, cancellationToken).ConfigureAwait(false), cancellationToken).ConfigureAwait(false);
        var entries = ServerMetadata.Endpoints(server.Metadata);
        var entry = entries.FirstOrDefault(e => e.NetworkId == network.Id);
        var neutron = await cloud.NetworkAsync(cancellationToken).ConfigureAwait(false);
        var portId = entry?.PortId;
        if (portId is null && network is { Kind: NetworkKind.Bridge, Neutron: { } bridge })
        {
            portId = (await neutron.Ports.ListAsync(NeutronQuery.Of(("device_id", server.Id), ("network_id", bridge.Id)), cancellationToken).ConfigureAwait(false)).FirstOrDefault()?.Id;
        }

        if (portId is null)
        {
            throw DockerNetworks.NotConnected(server.Id, network.Name);
        }

        container.Changed();
        finder.Forget(server.Id);
        var compute = await cloud.ComputeAsync(cancellationToken).ConfigureAwait(false);
        var detach = await compute.Servers.DetachInterfaceAsync(server.Id, portId, cancellationToken).ConfigureAwait(false);
        if (detach.Status != 404)
        {
            detach.EnsureSuccess($"disconnect server {server.Name} ({server.Id}) from network {network.Name}");
            await UnboundAsync(neutron, server, portId, cancellationToken).ConfigureAwait(false);
        }

        Log.PortAction(logger, server.Id, portId, "detached");
        if (entry is not null)
        {
            var deleted = await neutron.Ports.DeleteAsync(portId, cancellationToken).ConfigureAwait(false);
            if (deleted.Status != 404)
            {
                NeutronErrors.EnsureSuccess(deleted, $"remove port {portId} of server {server.Name} ({server.Id})");
            }

            await RecordAsync(server, [.. entries.Where(e => e != entry)], cancellationToken).ConfigureAwait(false);
        }
    }

    // Docker's rules for an endpoint on a network, with Neutron's: aliases and addresses only on user networks.
    private static void Check(ResolvedNetwork network, EndpointSpec endpoint)
    {
        if (network.Kind is NetworkKind.Bridge or NetworkKind.None)
        {
            if (endpoint.Aliases.Count > 0)
            {
                throw DockerNetworks.AliasesNeedUserNetwork();
            }

            if (endpoint.IPv4Address is not null || endpoint.IPv6Address is not null)
            {
                throw DockerNetworks.StaticAddressNeedsUserSubnet(network.Name);
            }

            return;
        }

        if (network.State is { } state)
        {
            if (endpoint.IPv4Address is { } v4)
            {
                if (!state.UserSubnet)
                {
                    throw DockerNetworks.StaticAddressNeedsUserSubnet(network.Name);
                }

                DockerNetworks.RequestedAddress(v4, state.IpamConfig().First(p => !Cidr.Parse(p.Subnet).IsIPv6));
            }

            if (endpoint.IPv6Address is { } v6)
            {
                var pool = state.IpamConfig().FirstOrDefault(p => Cidr.Parse(p.Subnet).IsIPv6)
                    ?? throw BeamException.Invalid($"network {network.Name} has no IPv6 subnet for address {v6}");
                DockerNetworks.RequestedAddress(v6, pool);
            }
        }
    }

    // What starts the description of a port made for a container, followed by the Docker network's name.
    private static string DescriptionPrefix(string container) => $"{NeutronNetworks.PortMarker} container {container} on Docker network ";

    // A bridge port swarmd made (for published ports) is found in Nova's listing under the Neutron network's name.
    private static EndpointEntry Entry(PlannedEndpoint planned, NeutronPort port) => new()
    {
        NetworkId = planned.Network.Id,
        Name = planned.Network.Kind == NetworkKind.Bridge ? planned.Network.Neutron!.Name : planned.Network.Name,
        Docker = planned.Network.Kind == NetworkKind.Bridge ? DockerNetworks.Bridge : null,
        PortId = port.Id,
        Aliases = planned.Endpoint.Aliases.Count > 0 ? planned.Endpoint.Aliases : null,
        IPv4 = planned.Endpoint.IPv4Address,
        IPv6 = planned.Endpoint.IPv6Address,
    };

    private async Task<NeutronPort> CreatePortAsync(PlannedEndpoint planned, string container, IReadOnlyList<string>? securityGroups, CancellationToken cancellationToken)
    {
        var neutron = await cloud.NetworkAsync(cancellationToken).ConfigureAwait(false);
        var fixedIps = new List<FixedIp>();
        foreach (var address in new[] { planned.Endpoint.IPv4Address, planned.Endpoint.IPv6Address }.OfType<string>())
        {
            fixedIps.Add(new FixedIp { IpAddress = address });
        }

        var response = await neutron.Ports.CreateAsync(new CreatePort
        {
            NetworkId = planned.Network.Kind == NetworkKind.Bridge ? planned.Network.Neutron!.Id : planned.Network.Id,
            Name = container,
            Description = $"{DescriptionPrefix(container)}{planned.Network.Name}",
            FixedIps = fixedIps.Count > 0 ? fixedIps : null,
            SecurityGroups = securityGroups,
        }, cancellationToken).ConfigureAwait(false);
        var port = NeutronErrors.EnsureSuccess(response, $"port for container {container} on network {planned.Network.Name}")
            .Read(OpenstackJson.Default.NeutronPortEnvelope, $"port for container {container}").Port;
        Log.PortAction(logger, container, port.Id, $"created on {planned.Network.Name}");
        return port;
    }

    // Rewrites the metadata that records the container's ports.
    private async Task RecordAsync(Server server, IReadOnlyList<EndpointEntry> entries, CancellationToken cancellationToken)
    {
        var compute = await cloud.ComputeAsync(cancellationToken).ConfigureAwait(false);
        var items = ServerMetadata.NetworkItems(entries);
        if (items.Count > 0)
        {
            (await compute.Servers.UpdateMetadataAsync(server.Id, items, cancellationToken).ConfigureAwait(false)).EnsureSuccess($"metadata of server {server.Name} ({server.Id})");
        }

        foreach (var key in ServerMetadata.StaleNetworkKeys(server.Metadata ?? new Dictionary<string, string>(), items))
        {
            var response = await compute.Servers.DeleteMetadataAsync(server.Id, key, cancellationToken).ConfigureAwait(false);
            if (response.Status != 404)
            {
                response.EnsureSuccess($"metadata {key} of server {server.Name} ({server.Id})");
            }
        }
    }

    // Nova answers a detach before it is done: wait until Neutron shows the port free (or gone).
    private async Task UnboundAsync(NetworkClient neutron, Server server, string portId, CancellationToken cancellationToken)
    {
        var deadline = time.GetUtcNow() + options.BootTimeout;
        while (await neutron.Ports.GetAsync(portId, cancellationToken).ConfigureAwait(false) is { DeviceId.Length: > 0 })
        {
            if (time.GetUtcNow() > deadline)
            {
                throw BeamException.Unavailable(
                    $"openstack: Nova did not unplug port {portId} from server {server.Name} ({server.Id}) within {options.BootTimeout.TotalSeconds:0} s");
            }

            await Task.Delay(options.PollInterval, time, cancellationToken).ConfigureAwait(false);
        }
    }
}

/// <summary>A create's networks, resolved and checked, in order (the primary first).</summary>
internal sealed record NetworkPlan(IReadOnlyList<PlannedEndpoint> Endpoints, bool Auto);

/// <summary>One network of a plan and what the container asked of it.</summary>
internal sealed record PlannedEndpoint(ResolvedNetwork Network, EndpointSpec Endpoint);

/// <summary>A port made for a planned endpoint.</summary>
internal sealed record MadePort(PlannedEndpoint Planned, NeutronPort Port);
