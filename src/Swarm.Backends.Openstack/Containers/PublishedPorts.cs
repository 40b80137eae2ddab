using System.Globalization;
using System.Net;
using Microsoft.Extensions.Logging;
using Swarm.Backends.Openstack.Cloud;
using Swarm.Backends.Openstack.Network.V2;
using Swarm.Core.Beam;
using Swarm.Core.Containers;

namespace Swarm.Backends.Openstack.Containers;

/// <summary>
/// Published ports (<c>-p</c>, <c>-P</c>) as Neutron port forwardings on a floating IP (see docs/openstack.md): the
/// container gets a security group that opens exactly its published ports, and each port a forwarding from the
/// floating IP's host port to the container's address and port, so <c>-p 8080:80</c> remaps for real. Containers share
/// one floating IP per router (swarmd allocates it, tags it <c>swarm.shared</c>, and releases it with its last
/// forwarding), so a host port is taken once, as on a Docker host; the label <c>swarm.floating-ip=own</c> gives a
/// container one of its own, and <c>-p ADDRESS:...</c> uses a floating IP the project holds. What was made is recorded
/// in the server's metadata (<see cref="PublishedState"/>); a failure half way undoes it.
/// </summary>
internal sealed class PublishedPorts(OpenstackCloud cloud, NetworkRouting routing, ILogger logger)
{
    /// <summary>The label that asks for a floating IP of the container's own.</summary>
    public const string FloatingIpLabel = "swarm.floating-ip";

    private const string SharedTag = "swarm.shared";
    private const string OwnTag = "swarm.own";
    private const string RouterTagPrefix = "swarm.router:";

    /// <summary>Checks a create's ports against Docker's rules and what a floating IP can forward; nothing is made.</summary>
    public static PortsPlan Plan(ContainerSpec spec, NetworkPlan networks)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(networks);
        var published = DockerPorts.Published(spec);
        var exposed = spec.ExposedPorts.Select(DockerPorts.Parse).Concat(spec.PortBindings.Select(b => new PortMapping(b.PrivatePort, b.Type)))
            .Select(p => string.Create(CultureInfo.InvariantCulture, $"{p.PrivatePort}/{p.Type}")).Distinct(StringComparer.Ordinal).ToList();
        var own = spec.Labels.TryGetValue(FloatingIpLabel, out var wanted);
        if (own && wanted != "own")
        {
            throw BeamException.Invalid($"openstack: the label {FloatingIpLabel} takes own (a floating IP for this container alone), not '{wanted}'");
        }

        if (published.Count == 0)
        {
            return new PortsPlan(exposed, spec.PortBindings, spec.PublishAllPorts, [], null, own);
        }

        if (published.FirstOrDefault(p => p.Type is not ("tcp" or "udp")) is { } sctp)
        {
            throw BeamException.Invalid($"openstack: {sctp.PrivatePort}/{sctp.Type} cannot be published: Neutron forwards tcp and udp only");
        }

        if (published.GroupBy(p => (p.PrivatePort, p.Type)).FirstOrDefault(g => g.Count() > 1) is { } twice)
        {
            throw BeamException.Invalid(
                $"openstack: {twice.Key.PrivatePort}/{twice.Key.Type} is published on {twice.Count()} host ports: a floating IP forwards each container port once (Neutron refuses a second forwarding to it)");
        }

        var addresses = published.Select(p => p.Ip).Where(ip => !DockerPorts.IsAnyAddress(ip)).Distinct(StringComparer.Ordinal).ToList();
        if (addresses.Count > 1)
        {
            throw BeamException.Invalid($"openstack: a container's published ports go on one floating IP, and these name several: {string.Join(", ", addresses)}");
        }

        var address = addresses.SingleOrDefault();
        if (address is not null && IPAddress.TryParse(address, out var ip) && IPAddress.IsLoopback(ip))
        {
            throw BeamException.Invalid(
                $"openstack: cannot publish on {address}: a container's ports are published on a floating IP, not on the swarmd host; use 0.0.0.0 (swarmd's shared floating IP) or one of the project's floating IPs");
        }

        var primary = networks.Endpoints.FirstOrDefault();
        if (networks.Auto)
        {
            throw BeamException.Invalid(
                "openstack: published ports need the container's Neutron port, and with --network=auto Nova makes it after the create; run the container on a Docker network (--network) to publish ports");
        }

        if (primary is null || primary.Network.Kind == NetworkKind.None)
        {
            throw BeamException.Invalid("openstack: a container without a network (network mode none) cannot publish ports");
        }

        if (primary.Network is { Kind: NetworkKind.Bridge, Neutron: null })
        {
            throw BeamException.Invalid(
                "openstack: published ports need the container on a Neutron network, and bridge has none: start the openstack backend with --network=NAME (a network routed to the floating network), or run the container on a Docker network (--network)");
        }

        return new PortsPlan(exposed, spec.PortBindings, spec.PublishAllPorts, published, address, own);
    }

    /// <summary>Before the container's port: its security group, opening exactly the published ports (to anyone: they are public).</summary>
    public async Task<string> CreateSecurityGroupAsync(string container, PortsPlan plan, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(plan);
        var neutron = await cloud.NetworkAsync(cancellationToken).ConfigureAwait(false);
        var group = await neutron.SecurityGroups.CreateAsync(new CreateSecurityGroup(GroupName(container), GroupDescription(container)), cancellationToken).ConfigureAwait(false);
        try
        {
            await neutron.SecurityGroups.AddRulesAsync([.. plan.Published.Select(p => new SecurityGroupRule
            {
                SecurityGroupId = group.Id,
                Protocol = p.Type,
                PortRangeMin = p.PrivatePort,
                PortRangeMax = p.PrivatePort,
                RemoteIpPrefix = "0.0.0.0/0",
                Description = string.Create(CultureInfo.InvariantCulture, $"swarmd: {p.PrivatePort}/{p.Type} published"),
            })], cancellationToken).ConfigureAwait(false);
            return group.Id;
        }
        catch
        {
            await DeleteQuietlyAsync(neutron.SecurityGroups.DeleteAsync(group.Id, CancellationToken.None), $"security group {group.Id}", container).ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>
    /// After the container's port: the router of its network, the floating IP, and a forwarding per published port,
    /// all or none. Returns what the metadata records.
    /// </summary>
    public async Task<PublishedState> ForwardAsync(string container, PortsPlan plan, PlannedEndpoint primary, NeutronPort port, string securityGroupId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(primary);
        ArgumentNullException.ThrowIfNull(port);
        var internalIp = port.FixedIps.Select(f => f.IpAddress).FirstOrDefault(a => a is not null && !a.Contains(':', StringComparison.Ordinal))
            ?? throw BeamException.Invalid($"openstack: the port of container {container} on {primary.Network.Name} has no IPv4 address to forward to");
        var routerId = await routing.RouterOfAsync(primary.Network, cancellationToken).ConfigureAwait(false);
        for (var attempt = 1; ; attempt++)
        {
            var (fip, kind, allocated) = await FloatingIpAsync(container, plan, routerId, cancellationToken).ConfigureAwait(false);
            try
            {
                var forwardings = await ForwardAllAsync(container, plan, fip, port.Id, internalIp, cancellationToken).ConfigureAwait(false);
                return plan.State! with { FloatingIpId = fip.Id, Address = fip.Address, Kind = kind, SecurityGroupId = securityGroupId, Forwardings = forwardings };
            }
            catch (FloatingIpGoneException) when (kind == PublishedState.Shared && attempt == 1)
            {
                // Another process released the shared floating IP with its last forwarding just now: find or make it again.
            }
            catch
            {
                if (allocated)
                {
                    await ReleaseFloatingIpAsync(new PublishedState { FloatingIpId = fip.Id, Address = fip.Address, Kind = kind }, container, CancellationToken.None).ConfigureAwait(false);
                }

                throw;
            }
        }
    }

    /// <summary>Removes a container's port forwardings (404 is fine); failures are logged: the container is gone.</summary>
    public async Task UnforwardAsync(PublishedState? state, string container, CancellationToken cancellationToken)
    {
        if (state?.FloatingIpId is not { } fip || state.Forwardings is not { Count: > 0 } forwardings)
        {
            return;
        }

        var neutron = await cloud.NetworkAsync(cancellationToken).ConfigureAwait(false);
        foreach (var forwarding in forwardings.Where(f => f.ForwardingId is not null))
        {
            await DeleteQuietlyAsync(neutron.PortForwardings.DeleteAsync(fip, forwarding.ForwardingId!, cancellationToken), $"port forwarding {forwarding.ForwardingId}", container).ConfigureAwait(false);
        }
    }

    /// <summary>After the container's port is gone: its security group, and the floating IP if swarmd allocated it for it (or it was the last on the shared one).</summary>
    public async Task ReleaseAsync(PublishedState? state, string container, CancellationToken cancellationToken)
    {
        if (state is null)
        {
            return;
        }

        if (state.SecurityGroupId is { } group)
        {
            var neutron = await cloud.NetworkAsync(cancellationToken).ConfigureAwait(false);
            await DeleteQuietlyAsync(neutron.SecurityGroups.DeleteAsync(group, cancellationToken), $"security group {group}", container).ConfigureAwait(false);
        }

        await ReleaseFloatingIpAsync(state, container, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// What a create of <paramref name="container"/> that stopped before <c>POST /servers</c> left of its published ports
    /// (made before <paramref name="before"/>, Neutron's clock): its security group, unless a port in
    /// <paramref name="kept"/> has it, and a floating IP allocated for it alone, associated with no port and forwarding to
    /// none in <paramref name="kept"/>; for <see cref="ReleaseAsync"/>, null when there is no such group. The floating IP is
    /// looked for only when the group is there (a create makes the group first, and a cloud without floating IPs has
    /// none). A shared floating IP stays (its forwardings to the container's ports go with the ports); a given one is
    /// never swarmd's.
    /// </summary>
    public async Task<PublishedState?> LeftByCreateAsync(string container, IReadOnlyCollection<NeutronPort> kept, DateTimeOffset before, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(kept);
        var neutron = await cloud.NetworkAsync(cancellationToken).ConfigureAwait(false);
        var group = (await neutron.SecurityGroups.ListAsync(NeutronQuery.Of(("name", GroupName(container))), cancellationToken).ConfigureAwait(false))
            .FirstOrDefault(g => g.Description == GroupDescription(container) && g.CreatedAt < before && !kept.Any(p => p.SecurityGroups.Contains(g.Id)));
        if (group is null)
        {
            return null;
        }

        var fip = (await neutron.FloatingIps.ListAsync(NeutronQuery.Of(("tags", OwnTag), ("description", OwnDescription(container))), cancellationToken).ConfigureAwait(false))
            .FirstOrDefault(f => f.Description == OwnDescription(container) && f.PortId is null or "" && f.CreatedAt < before
                && !f.PortForwardings.Any(w => kept.Any(p => p.Id == w.InternalPortId)));
        return new PublishedState { SecurityGroupId = group.Id, FloatingIpId = fip?.Id, Address = fip?.Address, Kind = fip is null ? null : PublishedState.Own };
    }

    /// <summary>The ports a container shows: each exposed port, and for each forwarded one the floating IP and host port.</summary>
    public static IReadOnlyList<PortMapping> Ports(PublishedState? state)
    {
        if (state is null)
        {
            return [];
        }

        var forwarded = state.Forwardings ?? [];
        var ports = new List<PortMapping>();
        foreach (var exposed in (state.Exposed ?? []).Select(DockerPorts.Parse))
        {
            var mine = forwarded.Where(f => f.Container == exposed.PrivatePort && f.Protocol == exposed.Type).ToList();
            ports.AddRange(mine.Count == 0 ? [exposed] : mine.Select(f => exposed with { PublicPort = f.Host, Ip = state.Address }));
        }

        return ports;
    }

    /// <summary>The bindings as asked, on the floating IP they were published on.</summary>
    public static IReadOnlyList<PortMapping> Bindings(PublishedState? state) =>
        [.. (state?.Asked ?? []).Select(b => new PortMapping(b.Container, b.Protocol, b.Host, state!.Address ?? b.Ip))];

    private static string GroupName(string container) => $"swarm-c-{container}";

    private static string GroupDescription(string container) => $"swarmd: published ports of container {container}";

    private static string OwnDescription(string container) => $"swarmd: floating IP of container {container}";

    private async Task<List<PortEntry>> ForwardAllAsync(string container, PortsPlan plan, NeutronFloatingIp fip, string portId, string internalIp, CancellationToken cancellationToken)
    {
        var neutron = await cloud.NetworkAsync(cancellationToken).ConfigureAwait(false);
        var taken = fip.PortForwardings.Select(f => (f.ExternalPort, f.Protocol)).ToHashSet();
        var made = new List<PortEntry>();
        try
        {
            foreach (var wanted in plan.Published)
            {
                var entry = await ForwardOneAsync(neutron, container, fip, wanted, portId, internalIp, taken, cancellationToken).ConfigureAwait(false);
                made.Add(entry);
                taken.Add((entry.Host!.Value, entry.Protocol));
                Log.PortPublished(logger, container, entry.Container, entry.Protocol, fip.Address, entry.Host.Value, entry.ForwardingId!);
            }

            return made;
        }
        catch
        {
            await UnforwardAsync(new PublishedState { FloatingIpId = fip.Id, Forwardings = made }, container, CancellationToken.None).ConfigureAwait(false);
            throw;
        }
    }

    // One forwarding: the host port asked for (taken: Docker's "port is already allocated"), or the first free one of
    // the ephemeral range (taken meanwhile by another process: the next one).
    private static async Task<PortEntry> ForwardOneAsync(
        NetworkClient neutron, string container, NeutronFloatingIp fip, PortMapping wanted, string portId, string internalIp, HashSet<(int, string)> taken, CancellationToken cancellationToken)
    {
        var candidates = wanted.PublicPort is { } asked
            ? [asked]
            : Enumerable.Range(DockerPorts.FirstEphemeral, DockerPorts.LastEphemeral - DockerPorts.FirstEphemeral + 1).Where(p => !taken.Contains((p, wanted.Type))).Take(20);
        foreach (var external in candidates)
        {
            var response = await neutron.PortForwardings.CreateAsync(fip.Id, new PortForwarding
            {
                Protocol = wanted.Type,
                InternalPortId = portId,
                InternalIpAddress = internalIp,
                InternalPort = wanted.PrivatePort,
                ExternalPort = external,
                Description = $"swarmd: container {container}",
            }, cancellationToken).ConfigureAwait(false);
            if (response.IsSuccess)
            {
                var made = response.Read(OpenstackJson.Default.PortForwardingEnvelope, $"port forwarding for container {container}").PortForwarding;
                return new PortEntry { Container = wanted.PrivatePort, Protocol = wanted.Type, Host = external, ForwardingId = made.Id };
            }

            var (type, message) = NeutronErrors.Parse(response.Body);
            if (response.Status == 404 && type is "FloatingIPNotFound" or "")
            {
                throw new FloatingIpGoneException();
            }

            if (response.Status == 400 && message.Contains("external_port", StringComparison.Ordinal) && message.Contains("collision", StringComparison.OrdinalIgnoreCase))
            {
                if (wanted.PublicPort is not null)
                {
                    throw DockerPorts.Allocated(fip.Address, external);
                }

                continue;
            }

            throw NeutronErrors.FromResponse(response, string.Create(CultureInfo.InvariantCulture, $"forward {fip.Address}:{external} to {wanted.PrivatePort}/{wanted.Type} of container {container}"));
        }

        throw BeamException.Unavailable($"openstack: no free host port found on floating IP {fip.Address} for {wanted.PrivatePort}/{wanted.Type} of container {container}");
    }

    // The floating IP a container's ports go on, how it has it, and whether this call allocated it.
    private async Task<(NeutronFloatingIp Fip, string Kind, bool Allocated)> FloatingIpAsync(string container, PortsPlan plan, string routerId, CancellationToken cancellationToken)
    {
        var neutron = await cloud.NetworkAsync(cancellationToken).ConfigureAwait(false);
        if (plan.Address is { } address)
        {
            var given = (await neutron.FloatingIps.ListAsync(NeutronQuery.Of(("floating_ip_address", address)), cancellationToken).ConfigureAwait(false)).FirstOrDefault()
                ?? throw BeamException.Invalid(
                    $"openstack: {address} is not a floating IP of this project: publish on 0.0.0.0 (swarmd's shared floating IP) or on a floating IP the project holds");
            return given.PortId is { Length: > 0 } bound
                ? throw BeamException.Invalid($"openstack: floating IP {address} is associated with port {bound}; port forwardings need a floating IP associated with no port")
                : (given, PublishedState.Given, false);
        }

        var floating = await routing.FloatingNetworkAsync(cancellationToken).ConfigureAwait(false);
        if (plan.Own)
        {
            return (await AllocateAsync(neutron, floating.Id, OwnDescription(container), [OwnTag], cancellationToken).ConfigureAwait(false), PublishedState.Own, true);
        }

        var tags = new[] { SharedTag, RouterTagPrefix + routerId };
        if (await OldestSharedAsync(neutron, floating.Id, tags, cancellationToken).ConfigureAwait(false) is { } shared)
        {
            return (shared, PublishedState.Shared, false);
        }

        // None yet: allocate one, then let the oldest win, so that processes that raced here agree on one.
        var mine = await AllocateAsync(neutron, floating.Id, $"swarmd: shared floating IP for published ports (router {routerId})", tags, cancellationToken).ConfigureAwait(false);
        var winner = await OldestSharedAsync(neutron, floating.Id, tags, cancellationToken).ConfigureAwait(false) ?? mine;
        if (winner.Id != mine.Id)
        {
            await DeleteQuietlyAsync(neutron.FloatingIps.DeleteAsync(mine.Id, CancellationToken.None), $"floating IP {mine.Address}", container).ConfigureAwait(false);
            return (winner, PublishedState.Shared, false);
        }

        return (mine, PublishedState.Shared, true);
    }

    private async Task<NeutronFloatingIp> AllocateAsync(NetworkClient neutron, string floatingNetworkId, string description, IReadOnlyList<string> tags, CancellationToken cancellationToken)
    {
        var fip = await neutron.FloatingIps.CreateAsync(new CreateFloatingIp(floatingNetworkId, description), cancellationToken).ConfigureAwait(false);
        try
        {
            await neutron.FloatingIps.ReplaceTagsAsync(fip.Id, tags, cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            await DeleteQuietlyAsync(neutron.FloatingIps.DeleteAsync(fip.Id, CancellationToken.None), $"floating IP {fip.Address}", description).ConfigureAwait(false);
            throw;
        }

        Log.FloatingIpAction(logger, "Allocated", fip.Address, fip.Id, description);
        return fip with { Tags = tags };
    }

    private static async Task<NeutronFloatingIp?> OldestSharedAsync(NetworkClient neutron, string floatingNetworkId, string[] tags, CancellationToken cancellationToken) =>
        (await neutron.FloatingIps.ListAsync(NeutronQuery.Of(("tags", string.Join(',', tags)), ("floating_network_id", floatingNetworkId)), cancellationToken).ConfigureAwait(false))
            .Where(f => f.PortId is null or "")
            .OrderBy(f => f.CreatedAt ?? DateTimeOffset.MaxValue).ThenBy(f => f.Id, StringComparer.Ordinal).FirstOrDefault();

    // Own: always; shared: when no forwarding is left on it; given: never.
    private async Task ReleaseFloatingIpAsync(PublishedState state, string container, CancellationToken cancellationToken)
    {
        if (state.FloatingIpId is not { } id || state.Kind is not (PublishedState.Own or PublishedState.Shared))
        {
            return;
        }

        var neutron = await cloud.NetworkAsync(cancellationToken).ConfigureAwait(false);
        if (state.Kind == PublishedState.Shared)
        {
            try
            {
                if (await neutron.FloatingIps.GetAsync(id, cancellationToken).ConfigureAwait(false) is not { PortForwardings.Count: 0 })
                {
                    return;
                }
            }
            catch (BeamException ex)
            {
                Log.ReleaseFailed(logger, $"floating IP {state.Address}", container, ex.Message);
                return;
            }
        }

        await DeleteQuietlyAsync(neutron.FloatingIps.DeleteAsync(id, cancellationToken), $"floating IP {state.Address}", container).ConfigureAwait(false);
        Log.FloatingIpAction(logger, "Released", state.Address ?? "", id, $"container {container} is gone");
    }

    private async Task DeleteQuietlyAsync(Task<Http.RawResponse> call, string what, string container)
    {
        try
        {
            var response = await call.ConfigureAwait(false);
            if (!response.IsSuccess && response.Status != 404)
            {
                Log.ReleaseFailed(logger, what, container, $"HTTP {response.Status}: {NeutronErrors.Parse(response.Body).Message}");
            }
        }
        catch (BeamException ex)
        {
            Log.ReleaseFailed(logger, what, container, ex.Message);
        }
    }

    // The shared floating IP went away between finding it and forwarding on it.
    private sealed class FloatingIpGoneException : Exception;
}
