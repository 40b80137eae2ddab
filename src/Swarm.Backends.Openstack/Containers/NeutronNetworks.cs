using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Logging;
using Swarm.Backends.Openstack.Cloud;
using Swarm.Backends.Openstack.Network.V2;
using Swarm.Core.Beam;
using Swarm.Core.Containers;

namespace Swarm.Backends.Openstack.Containers;

/// <summary>
/// Docker networks as Neutron networks (see docs/openstack.md): a network swarmd makes is a Neutron network, a subnet
/// per pool and a security group that lets members reach each other, tagged with its Docker settings
/// (<see cref="NetworkState"/>), so every swarmd process sees the same networks and none is kept in memory. Resolves
/// references (<c>bridge</c>, <c>none</c>, swarmd's networks, any other Neutron network by name or id), creates
/// (the name claimed first across every swarmd, <see cref="NameClaims"/>) and removes, in order, leaving nothing behind.
/// A network a swarmd left half made (stopped before the tags) is removed by the next create of its name, or by
/// <c>docker network rm</c>.
/// </summary>
internal sealed partial class NeutronNetworks(OpenstackCloud cloud, OpenstackOptions options, NameClaims claims, TimeProvider time, ILogger logger) : IDisposable
{
    /// <summary>How long a network's subnets are trusted (a swarmd network's never change).</summary>
    public static readonly TimeSpan SubnetsLifetime = TimeSpan.FromMinutes(5);

    /// <summary>What starts the description of every port swarmd makes.</summary>
    public const string PortMarker = "swarmd:";

    private const string MtuOption = "com.docker.network.driver.mtu";

    private readonly NameLocks _names = new();
    private readonly SemaphoreSlim _bridgeGate = new(1, 1);
    private volatile Snapshot<string, IReadOnlyList<NeutronSubnet>> _subnets = Snapshot<string, IReadOnlyList<NeutronSubnet>>.Empty;
    private BridgeNetwork? _bridge;

    /// <summary>The id <c>none</c> (and <c>bridge</c> without <c>--network</c>) has: the same in every process on this cloud.</summary>
    public string SyntheticId(string name) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"swarmd/openstack/{cloud.AuthUrl}/{options.Region}/{name}")));

    /// <summary>The backend's <c>--network</c>, resolved once per process (null when it has none).</summary>
    public async Task<BridgeNetwork?> BridgeAsync(CancellationToken cancellationToken)
    {
        if (options.Network is null)
        {
            return null;
        }

        if (_bridge is { } known)
        {
            return known;
        }

        await _bridgeGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return _bridge ??= options.Network == "auto"
                ? new BridgeNetwork(null, Auto: true)
                : new BridgeNetwork(await FindBridgeAsync(options.Network, cancellationToken).ConfigureAwait(false), Auto: false);
        }
        finally
        {
            _bridgeGate.Release();
        }
    }

    /// <summary>Every Docker network: <c>bridge</c>, <c>none</c> and the ones swarmd made (one Neutron call), without attachments.</summary>
    public async Task<IReadOnlyList<NetworkRecord>> ListAsync(CancellationToken cancellationToken)
    {
        var neutron = await cloud.NetworkAsync(cancellationToken).ConfigureAwait(false);
        var managed = await neutron.Networks.ListAsync(NeutronQuery.Of(("tags", NetworkState.ManagedTag)), cancellationToken).ConfigureAwait(false);
        var records = new List<NetworkRecord>
        {
            await RecordAsync(await ResolveAsync(DockerNetworks.Bridge, cancellationToken).ConfigureAwait(false), cancellationToken).ConfigureAwait(false),
            await RecordAsync(await ResolveAsync(DockerNetworks.None, cancellationToken).ConfigureAwait(false), cancellationToken).ConfigureAwait(false),
        };
        records.AddRange(managed.Select(n => Record(new ResolvedNetwork(NetworkKind.Managed, n.Id, n.Name, n, NetworkState.FromTags(n.Tags)), [])));
        return [.. records.OrderBy(r => r.Name, StringComparer.Ordinal)];
    }

    /// <summary>
    /// A Docker network reference as dockerd resolves one: <c>bridge</c> and <c>none</c>, a full id, a name (swarmd's
    /// networks first, then any Neutron network the project sees), then a unique id prefix of swarmd's networks.
    /// </summary>
    public async Task<ResolvedNetwork> ResolveAsync(string reference, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(reference);
        var bridge = await BridgeAsync(cancellationToken).ConfigureAwait(false);
        var bridgeId = bridge?.Network?.Id ?? SyntheticId(DockerNetworks.Bridge);
        if (reference == DockerNetworks.Bridge || reference == bridgeId)
        {
            return new ResolvedNetwork(NetworkKind.Bridge, bridgeId, DockerNetworks.Bridge, bridge?.Network, null);
        }

        if (reference == DockerNetworks.None || reference == SyntheticId(DockerNetworks.None))
        {
            return new ResolvedNetwork(NetworkKind.None, SyntheticId(DockerNetworks.None), DockerNetworks.None, null, null);
        }

        var neutron = await cloud.NetworkAsync(cancellationToken).ConfigureAwait(false);
        if (Guid.TryParse(reference, out _))
        {
            return Resolved(await neutron.Networks.GetAsync(reference, cancellationToken).ConfigureAwait(false) ?? throw DockerNetworks.NotFound(reference));
        }

        var named = await neutron.Networks.ListAsync(NeutronQuery.Of(("name", reference)), cancellationToken).ConfigureAwait(false);
        var candidates = named.Where(n => NetworkState.IsManaged(n.Tags)).ToList() is { Count: > 0 } ours ? ours : [.. named];
        if (candidates.Count == 1)
        {
            return Resolved(candidates[0]);
        }

        if (candidates.Count > 1)
        {
            throw BeamException.Invalid($"network {reference} is ambiguous: {candidates.Count} Neutron networks have this name; use the id");
        }

        if (HexPrefix().IsMatch(reference))
        {
            var managed = await neutron.Networks.ListAsync(NeutronQuery.Of(("tags", NetworkState.ManagedTag)), cancellationToken).ConfigureAwait(false);
            var matches = managed.Where(n => n.Id.StartsWith(reference, StringComparison.OrdinalIgnoreCase)).ToList();
            if (matches.Count > 1)
            {
                throw BeamException.Invalid($"network {reference} is ambiguous ({matches.Count} matches found based on ID prefix)");
            }

            if (matches.Count == 1)
            {
                return Resolved(matches[0]);
            }

            if (bridgeId.StartsWith(reference, StringComparison.OrdinalIgnoreCase))
            {
                return await ResolveAsync(DockerNetworks.Bridge, cancellationToken).ConfigureAwait(false);
            }
        }

        throw DockerNetworks.NotFound(reference);
    }

    /// <summary>The record of a resolved network, without attachments (the pools of a network swarmd did not make come from its subnets).</summary>
    public async Task<NetworkRecord> RecordAsync(ResolvedNetwork network, CancellationToken cancellationToken) =>
        Record(network, network.HasNeutron && network.State is null ? await SubnetsAsync(network.Id, cancellationToken).ConfigureAwait(false) : []);

    /// <summary>A network's subnets, cached for <see cref="SubnetsLifetime"/>.</summary>
    public async Task<IReadOnlyList<NeutronSubnet>> SubnetsAsync(string networkId, CancellationToken cancellationToken)
    {
        if (_subnets.TryGet(networkId, time.GetUtcNow(), SubnetsLifetime, out var cached))
        {
            return cached;
        }

        var neutron = await cloud.NetworkAsync(cancellationToken).ConfigureAwait(false);
        var subnets = await neutron.Subnets.ListAsync(NeutronQuery.Of(("network_id", networkId)), cancellationToken).ConfigureAwait(false);
        _subnets = _subnets.With(networkId, subnets, time.GetUtcNow(), SubnetsLifetime);
        return subnets;
    }

    /// <summary>
    /// Creates a Docker network: the security group and its rule (members reach each other), the Neutron network, a
    /// subnet per pool, then the tags that make it a Docker network. A failure removes what was made, newest first.
    /// The name is claimed first (unique across every swarmd on the project); a failure releases it.
    /// </summary>
    public async Task<NetworkRecord> CreateAsync(NetworkSpec spec, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(spec);
        DockerNetworks.Validate(spec);
        if (spec.Driver is { Length: > 0 } driver && driver != "bridge")
        {
            throw BeamException.Invalid(
                $"openstack: network driver \"{driver}\" is not supported: a Docker network here is a Neutron network; use the bridge driver (the default)");
        }

        int? mtu = null;
        if (spec.Options.TryGetValue(MtuOption, out var mtuText))
        {
            mtu = int.TryParse(mtuText, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var m) && m >= 68
                ? m
                : throw BeamException.Invalid($"invalid value for {MtuOption}: \"{mtuText}\"");
        }

        var neutron = await cloud.NetworkAsync(cancellationToken).ConfigureAwait(false);
        using (await _names.AcquireAsync(spec.Name, cancellationToken).ConfigureAwait(false))
        {
            var claim = await claims.TakeAsync(ClaimKind.Network, spec.Name, ct => HolderAsync(neutron, spec.Name, ct), conflict => conflict.HolderId is null
                ? BeamException.Conflict($"network with name {spec.Name} is being created by another swarmd ({(int)conflict.Age.TotalSeconds} s ago); "
                    + $"try again; if that swarmd stopped half way, the name is free again in {Math.Max(1, (int)Math.Ceiling(conflict.ExpiresIn.TotalSeconds))} s")
                : DockerNetworks.NameInUse(spec.Name), cancellationToken).ConfigureAwait(false);
            var made = new Stack<Func<Task>>();
            made.Push(() => claims.ReleaseAsync(ClaimKind.Network, spec.Name, claim.PortId, CancellationToken.None));
            try
            {
                return await CreateClaimedAsync(neutron, spec, mtu, made, cancellationToken).ConfigureAwait(false);
            }
            catch
            {
                while (made.TryPop(out var undo))
                {
                    await undo().ConfigureAwait(false);
                }

                throw;
            }
        }
    }

    // The create under a claim of the name: what a stopped swarmd left half made under the name goes first; every
    // resource made pushes its undo onto `made`.
    private async Task<NetworkRecord> CreateClaimedAsync(NetworkClient neutron, NetworkSpec spec, int? mtu, Stack<Func<Task>> made, CancellationToken cancellationToken)
    {
        var named = await neutron.Networks.ListAsync(NeutronQuery.Of(("name", spec.Name)), cancellationToken).ConfigureAwait(false);
        if (named.Any(n => !IsHalfMade(n)))
        {
            throw DockerNetworks.NameInUse(spec.Name);
        }

        await RemoveHalfMadeAsync(neutron, spec.Name, named, cancellationToken).ConfigureAwait(false);
        var inUse = await SubnetsInUseAsync(neutron, cancellationToken).ConfigureAwait(false);
        DockerNetworks.EnsureNoOverlap(spec, inUse);
        var pools = DockerNetworks.Complete(spec, inUse);
        var group = await neutron.SecurityGroups.CreateAsync(new CreateSecurityGroup(GroupName(spec.Name), GroupDescription(spec.Name)), cancellationToken).ConfigureAwait(false);
        made.Push(() => DeleteQuietlyAsync(neutron.SecurityGroups.DeleteAsync(group.Id, CancellationToken.None), $"security group {group.Id}"));
        await neutron.SecurityGroups.AddRulesAsync(
            [new SecurityGroupRule { SecurityGroupId = group.Id, Ethertype = "IPv4", RemoteGroupId = group.Id },
             new SecurityGroupRule { SecurityGroupId = group.Id, Ethertype = "IPv6", RemoteGroupId = group.Id }], cancellationToken).ConfigureAwait(false);

        var network = await neutron.Networks.CreateAsync(
            new CreateNetwork { Name = spec.Name, Description = NetworkDescription(spec.Name), Mtu = mtu }, cancellationToken).ConfigureAwait(false);
        made.Push(() => DeleteQuietlyAsync(neutron.Networks.DeleteAsync(network.Id, CancellationToken.None), $"network {network.Id}"));
        var subnets = new List<string>();
        foreach (var pool in pools)
        {
            var subnet = Cidr.Parse(pool.Subnet);
            var created = await neutron.Subnets.CreateAsync(new CreateSubnet
            {
                NetworkId = network.Id,
                Name = GroupName(spec.Name),
                IpVersion = subnet.IsIPv6 ? 6 : 4,
                Cidr = pool.Subnet,
                GatewayIp = pool.Gateway,
                AllocationPools = AllocationPools(pool),
            }, cancellationToken).ConfigureAwait(false);
            subnets.Add(created.Id);
        }

        var state = NetworkState.Of(spec, pools, group.Id);
        await neutron.Networks.ReplaceTagsAsync(network.Id, state.ToTags(), cancellationToken).ConfigureAwait(false);
        Log.NetworkCreated(logger, spec.Name, network.Id, string.Join(", ", pools.Select(p => p.Subnet)));
        return Record(new ResolvedNetwork(NetworkKind.Managed, network.Id, network.Name, network with { Subnets = subnets }, state), []);
    }

    // The network that holds a name: any Neutron network with it, but one a stopped swarmd left half made.
    private static async Task<string?> HolderAsync(NetworkClient neutron, string name, CancellationToken cancellationToken) =>
        (await neutron.Networks.ListAsync(NeutronQuery.Of(("name", name)), cancellationToken).ConfigureAwait(false)).FirstOrDefault(n => !IsHalfMade(n))?.Id;

    private static string NetworkDescription(string name) => $"swarmd: Docker network {name}";

    private static string GroupName(string name) => $"swarm-{name}";

    private static string GroupDescription(string name) => $"swarmd: members of Docker network {name} reach each other";

    // A network swarmd began and did not finish: its description says swarmd made it, but it has no Docker tags.
    private static bool IsHalfMade(NeutronNetwork network) =>
        !NetworkState.IsManaged(network.Tags) && network.Description == NetworkDescription(network.Name);

    // Removes what a swarmd that stopped half way through creating network `name` left: its networks and security groups.
    private async Task RemoveHalfMadeAsync(NetworkClient neutron, string name, IReadOnlyList<NeutronNetwork> named, CancellationToken cancellationToken)
    {
        foreach (var network in named.Where(IsHalfMade))
        {
            Log.HalfMadeNetwork(logger, name, network.Id);
            NeutronErrors.EnsureSuccess(await IgnoreNotFound(neutron.Networks.DeleteAsync(network.Id, cancellationToken)).ConfigureAwait(false),
                $"remove network {name} ({network.Id}), which a swarmd left half made");
        }

        foreach (var group in (await neutron.SecurityGroups.ListAsync(NeutronQuery.Of(("name", GroupName(name))), cancellationToken).ConfigureAwait(false))
            .Where(g => g.Description == GroupDescription(name)))
        {
            NeutronErrors.EnsureSuccess(await IgnoreNotFound(neutron.SecurityGroups.DeleteAsync(group.Id, cancellationToken)).ConfigureAwait(false),
                $"remove security group {group.Id} of network {name}, which a swarmd left half made");
        }
    }

    /// <summary>
    /// Removes a Docker network swarmd made: ports swarmd left behind unbound are removed, a port of anything else
    /// keeps the network (in use), then the Neutron network (its subnets go with it), then its security group.
    /// </summary>
    public async Task DeleteAsync(string reference, CancellationToken cancellationToken)
    {
        var network = await ResolveAsync(reference, cancellationToken).ConfigureAwait(false);
        switch (network.Kind)
        {
            case NetworkKind.Bridge or NetworkKind.None:
                throw DockerNetworks.PredefinedCannotBeRemoved(network.Name);
            case NetworkKind.External when network.Neutron is { } half && IsHalfMade(half):
                await RemoveHalfMadeNetworkAsync(half, cancellationToken).ConfigureAwait(false);
                return;
            case NetworkKind.External:
                throw BeamException.Conflict(
                    $"openstack: network {network.Name} ({network.Id}) was not made by swarmd (it has no {NetworkState.ManagedTag} tag); remove it with the openstack CLI");
            default:
                break;
        }

        var neutron = await cloud.NetworkAsync(cancellationToken).ConfigureAwait(false);
        var ports = await neutron.Ports.ListAsync(NeutronQuery.Of(("network_id", network.Id)), cancellationToken).ConfigureAwait(false);
        var leftovers = ports.Where(IsLeftover).ToList();
        if (ports.FirstOrDefault(p => !p.DeviceOwner.StartsWith("network:", StringComparison.Ordinal) && !leftovers.Contains(p)) is { } used)
        {
            throw DockerNetworks.InUse(network.Name, new NetworkAttachment
            {
                ContainerId = used.DeviceId.Length > 0 ? used.DeviceId : used.Id,
                Name = used.Name.Length > 0 ? used.Name : used.Id,
            });
        }

        // A router interface swarmd (or anyone) added for published ports: Neutron removes no network that has one.
        foreach (var port in ports.Where(p => p.DeviceOwner.StartsWith(RoutersClient.InterfaceOwner, StringComparison.Ordinal) && p.DeviceId.Length > 0))
        {
            NeutronErrors.EnsureSuccess(await IgnoreNotFound(neutron.Routers.RemoveInterfaceAsync(port.DeviceId, port.Id, cancellationToken)).ConfigureAwait(false),
                $"disconnect network {network.Name} from router {port.DeviceId}");
        }

        foreach (var port in leftovers)
        {
            Log.LeftoverPort(logger, port.Id, network.Name);
            NeutronErrors.EnsureSuccess(await IgnoreNotFound(neutron.Ports.DeleteAsync(port.Id, cancellationToken)).ConfigureAwait(false), $"remove port {port.Id} left on network {network.Name}");
        }

        NeutronErrors.EnsureSuccess(await IgnoreNotFound(neutron.Networks.DeleteAsync(network.Id, cancellationToken)).ConfigureAwait(false), $"remove network {network.Name} ({network.Id})");
        if (network.State?.SecurityGroupId is { } group)
        {
            NeutronErrors.EnsureSuccess(await IgnoreNotFound(neutron.SecurityGroups.DeleteAsync(group, cancellationToken)).ConfigureAwait(false),
                $"remove security group {group} of network {network.Name} (the network itself is gone)");
        }

        _subnets = _subnets.Without(network.Id);
        await claims.ReleaseAsync(ClaimKind.Network, network.Name, null, cancellationToken).ConfigureAwait(false);
        Log.NetworkRemoved(logger, network.Name, network.Id);
    }

    /// <summary>The names of swarmd's networks, for <see cref="NameClaims.ReconcileAsync"/>.</summary>
    public async Task<IReadOnlyList<(ClaimKind Kind, string Name)>> HeldNamesAsync(CancellationToken cancellationToken)
    {
        var neutron = await cloud.NetworkAsync(cancellationToken).ConfigureAwait(false);
        return [.. (await neutron.Networks.ListAsync(NeutronQuery.Of(("tags", NetworkState.ManagedTag)), cancellationToken).ConfigureAwait(false))
            .Select(n => (ClaimKind.Network, n.Name)).Distinct()];
    }

    // `docker network rm` of a network a swarmd left half made: once it is older than a create may take, it goes with
    // its security groups and its name's claim.
    private async Task RemoveHalfMadeNetworkAsync(NeutronNetwork network, CancellationToken cancellationToken)
    {
        var age = time.GetUtcNow() - (network.CreatedAt ?? DateTimeOffset.MinValue);
        if (age < options.ClaimTimeout)
        {
            throw BeamException.Conflict(
                $"network {network.Name} is being created by another swarmd ({(int)age.TotalSeconds} s ago); try again once it is made, or in {Math.Max(1, (int)Math.Ceiling((options.ClaimTimeout - age).TotalSeconds))} s if that swarmd stopped");
        }

        var neutron = await cloud.NetworkAsync(cancellationToken).ConfigureAwait(false);
        await RemoveHalfMadeAsync(neutron, network.Name, [network], cancellationToken).ConfigureAwait(false);
        await claims.ReleaseAsync(ClaimKind.Network, network.Name, null, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// The allocation pools of a Neutron subnet for a Docker pool: the IP range (or the whole subnet) less the network,
    /// broadcast, gateway and auxiliary addresses; null when Neutron's default (every host but the gateway) is the same.
    /// </summary>
    public static IReadOnlyList<AllocationPool>? AllocationPools(IpamConfig pool)
    {
        ArgumentNullException.ThrowIfNull(pool);
        if (pool.IPRange.Length == 0 && pool.AuxAddresses is not { Count: > 0 })
        {
            return null;
        }

        var subnet = Cidr.Parse(pool.Subnet);
        var range = pool.IPRange.Length > 0 ? Cidr.Parse(pool.IPRange) : subnet;
        var first = UInt128.Max(Cidr.Number(range.Network), Cidr.Number(subnet.Network) + 1);
        var last = UInt128.Min(Cidr.Number(range.Last), Cidr.Number(subnet.Last) - (subnet.IsIPv6 ? UInt128.Zero : UInt128.One));
        var excluded = (pool.AuxAddresses?.Values ?? []).Append(pool.Gateway)
            .Where(a => Cidr.TryParseAddress(a, out _)).Select(a => Cidr.Number(IPAddress.Parse(a)))
            .Where(n => n >= first && n <= last).Distinct().Order().ToList();
        var pools = new List<AllocationPool>();
        var start = first;
        foreach (var skip in excluded)
        {
            if (skip > start)
            {
                pools.Add(new AllocationPool(Cidr.FromNumber(start, subnet.IsIPv6).ToString(), Cidr.FromNumber(skip - 1, subnet.IsIPv6).ToString()));
            }

            start = skip + 1;
        }

        if (start <= last)
        {
            pools.Add(new AllocationPool(Cidr.FromNumber(start, subnet.IsIPv6).ToString(), Cidr.FromNumber(last, subnet.IsIPv6).ToString()));
        }

        return pools.Count > 0 ? pools : throw BeamException.Invalid($"no address is left for containers in {pool.Subnet} once the gateway and auxiliary addresses are set aside");
    }

    /// <summary>True for a port swarmd made for a container that never got it (unbound for longer than a boot may take).</summary>
    public bool IsLeftover(NeutronPort port) =>
        port.DeviceId.Length == 0 && port.Description?.StartsWith(PortMarker, StringComparison.Ordinal) == true
        && port.CreatedAt is { } created && time.GetUtcNow() - created > options.BootTimeout;

    public void Dispose() => _bridgeGate.Dispose();

    /// <summary>The record of a resolved network with the attachments given.</summary>
    public NetworkRecord Record(ResolvedNetwork network, IReadOnlyList<NeutronSubnet> subnets, IReadOnlyList<NetworkAttachment>? containers = null)
    {
        ArgumentNullException.ThrowIfNull(network);
        var details = new Dictionary<string, string>(StringComparer.Ordinal);
        if (network.Neutron is { } n)
        {
            details["neutron_network"] = n.Id;
            details["neutron_name"] = n.Name;
            details["subnets"] = string.Join(",", n.Subnets);
            details["managed"] = network.Kind == NetworkKind.Managed ? "true" : "false";
            if (n.Mtu is { } mtu)
            {
                details["mtu"] = mtu.ToString(System.Globalization.CultureInfo.InvariantCulture);
            }
        }

        if (network.State?.SecurityGroupId is { } group)
        {
            details["security_group"] = group;
        }

        if (network.Kind == NetworkKind.Bridge && network.Neutron is null)
        {
            details["neutron_network"] = options.Network == "auto"
                ? "Nova's automatic allocation (--network=auto)"
                : "none: without --network, containers on bridge boot with no network";
        }

        var state = network.State;
        return new NetworkRecord
        {
            Id = network.Id,
            Name = network.Name,
            Created = network.Neutron?.CreatedAt ?? DateTimeOffset.UnixEpoch,
            Driver = network.Kind == NetworkKind.None ? "null" : state?.Driver ?? "bridge",
            EnableIPv6 = state?.EnableIPv6 ?? subnets.Any(s => s.IpVersion == 6),
            Ipam = new NetworkIpam
            {
                Driver = state?.IpamDriver ?? DockerNetworks.DefaultIpamDriver,
                Options = state?.IpamOptions,
                Config = state?.IpamConfig() ?? [.. subnets.Select(s => new IpamConfig { Subnet = s.Cidr, Gateway = s.GatewayIp ?? "" })],
            },
            Internal = state?.Internal ?? false,
            Attachable = state?.Attachable ?? false,
            Options = state?.Options ?? new Dictionary<string, string>(),
            Labels = state?.Labels ?? new Dictionary<string, string>(),
            Predefined = network.Kind is NetworkKind.Bridge or NetworkKind.None,
            Containers = containers ?? [],
            Details = details,
        };
    }

    private static ResolvedNetwork Resolved(NeutronNetwork network) => NetworkState.IsManaged(network.Tags)
        ? new ResolvedNetwork(NetworkKind.Managed, network.Id, network.Name, network, NetworkState.FromTags(network.Tags))
        : new ResolvedNetwork(NetworkKind.External, network.Id, network.Name, network, null);

    private static async Task<Http.RawResponse> IgnoreNotFound(Task<Http.RawResponse> call)
    {
        var response = await call.ConfigureAwait(false);
        return response.Status == 404 ? response with { Status = 204 } : response;
    }

    // Subnets of swarmd's networks and of the default network: a new network's pool may overlap none of them.
    private async Task<List<Cidr>> SubnetsInUseAsync(NetworkClient neutron, CancellationToken cancellationToken)
    {
        var managed = await neutron.Networks.ListAsync(NeutronQuery.Of(("tags", NetworkState.ManagedTag)), cancellationToken).ConfigureAwait(false);
        var inUse = managed.SelectMany(n => NetworkState.FromTags(n.Tags)?.Pools ?? []).Select(p => p.Subnet).ToList();
        if (await BridgeAsync(cancellationToken).ConfigureAwait(false) is { Network: { } bridge })
        {
            inUse.AddRange((await SubnetsAsync(bridge.Id, cancellationToken).ConfigureAwait(false)).Select(s => s.Cidr));
        }

        return [.. inUse.Select(s => Cidr.TryParse(s, out var c) ? c : (Cidr?)null).OfType<Cidr>()];
    }

    private async Task<NeutronNetwork> FindBridgeAsync(string nameOrId, CancellationToken cancellationToken)
    {
        var neutron = await cloud.NetworkAsync(cancellationToken).ConfigureAwait(false);
        if (Guid.TryParse(nameOrId, out _))
        {
            return await neutron.Networks.GetAsync(nameOrId, cancellationToken).ConfigureAwait(false)
                ?? throw BeamException.Invalid($"network '{nameOrId}' (--network) does not exist");
        }

        var named = await neutron.Networks.ListAsync(NeutronQuery.Of(("name", nameOrId)), cancellationToken).ConfigureAwait(false);
        return named.Count switch
        {
            1 => named[0],
            0 => throw BeamException.Invalid($"network '{nameOrId}' (--network) does not exist"),
            _ => throw BeamException.Invalid($"several networks are named '{nameOrId}' (--network); give its id"),
        };
    }

    private async Task DeleteQuietlyAsync(Task<Http.RawResponse> call, string what)
    {
        try
        {
            var response = await call.ConfigureAwait(false);
            if (!response.IsSuccess && response.Status != 404)
            {
                Log.CleanupFailed(logger, what, $"HTTP {response.Status}");
            }
        }
        catch (BeamException ex)
        {
            Log.CleanupFailed(logger, what, ex.Message);
        }
    }

    [GeneratedRegex("^[0-9a-fA-F-]+$", RegexOptions.CultureInvariant)]
    private static partial Regex HexPrefix();
}
