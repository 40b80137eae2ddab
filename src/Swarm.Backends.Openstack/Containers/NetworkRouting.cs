using Microsoft.Extensions.Logging;
using Swarm.Backends.Openstack.Cloud;
using Swarm.Backends.Openstack.Network.V2;
using Swarm.Core.Beam;

namespace Swarm.Backends.Openstack.Containers;

/// <summary>
/// What a published port needs of Neutron's topology: the floating network (<c>--floating-network</c>, else the only
/// external network), the router of a container's network (a Docker network swarmd made is connected to
/// <c>--router</c>, else the project's only router on the floating network, the first time a container on it publishes
/// a port), and the security groups a port swarmd makes on a network that is not its own gets besides the container's.
/// Each is looked up once and cached: routers and external networks do not come and go under a running swarmd.
/// </summary>
internal sealed class NetworkRouting(OpenstackCloud cloud, OpenstackOptions options, NeutronNetworks networks, TimeProvider time, ILogger logger) : IDisposable
{
    private static readonly TimeSpan RouterLifetime = TimeSpan.FromMinutes(5);

    private readonly SemaphoreSlim _gate = new(1, 1);
    private volatile Snapshot<string, string> _routerOf = Snapshot<string, string>.Empty;
    private NeutronNetwork? _floating;
    private NeutronRouter? _router;
    private IReadOnlyList<string>? _baseGroups;

    /// <summary>The external network floating IPs come from.</summary>
    public async Task<NeutronNetwork> FloatingNetworkAsync(CancellationToken cancellationToken)
    {
        if (_floating is { } known)
        {
            return known;
        }

        var neutron = await cloud.NetworkAsync(cancellationToken).ConfigureAwait(false);
        NeutronNetwork found;
        if (options.FloatingNetwork is { } asked)
        {
            found = (Guid.TryParse(asked, out _) ? await neutron.Networks.GetAsync(asked, cancellationToken).ConfigureAwait(false) : null)
                ?? (await neutron.Networks.ListAsync(NeutronQuery.Of(("name", asked)), cancellationToken).ConfigureAwait(false)) switch
                {
                    [var one] => one,
                    [] => throw BeamException.Invalid($"openstack: the floating network '{asked}' (--floating-network) does not exist"),
                    _ => throw BeamException.Invalid($"openstack: several networks are named '{asked}' (--floating-network); give its id"),
                };
        }
        else
        {
            var external = await neutron.Networks.ListAsync(NeutronQuery.Of(("router:external", "true")), cancellationToken).ConfigureAwait(false);
            found = external switch
            {
                [var one] => one,
                [] => throw BeamException.Invalid(
                    "openstack: a published port needs a floating IP, and this cloud has no external network to take one from; name one with the openstack backend's --floating-network option"),
                _ => throw BeamException.Invalid(
                    $"openstack: a published port needs a floating IP, and this cloud has {external.Count} external networks ({string.Join(", ", external.Select(n => n.Name))}); choose one with the openstack backend's --floating-network option"),
            };
        }

        return _floating = found;
    }

    /// <summary>
    /// The router between <paramref name="network"/> and the outside: the one it has an interface on, or, for a Docker
    /// network swarmd made, swarmd's router after connecting the network's IPv4 subnet to it. Another network without a
    /// router is refused with a sentence saying what to do.
    /// </summary>
    public async Task<string> RouterOfAsync(ResolvedNetwork network, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(network);
        if (_routerOf.TryGet(network.Id, time.GetUtcNow(), RouterLifetime, out var cached))
        {
            return cached;
        }

        var neutron = await cloud.NetworkAsync(cancellationToken).ConfigureAwait(false);
        var routerId = await InterfaceRouterAsync(neutron, network.Id, cancellationToken).ConfigureAwait(false);
        if (routerId is null)
        {
            if (network.Kind != NetworkKind.Managed)
            {
                var floating = await FloatingNetworkAsync(cancellationToken).ConfigureAwait(false);
                throw BeamException.Invalid(
                    $"openstack: network {network.Name} has no router, so nothing outside reaches it and a port cannot be published on it: connect its subnet to a router with its gateway on {floating.Name}, or run the container on a Docker network swarmd made (swarmd connects those to its router)");
            }

            var router = await RouterAsync(cancellationToken).ConfigureAwait(false);
            var subnet = (await networks.SubnetsAsync(network.Id, cancellationToken).ConfigureAwait(false)).FirstOrDefault(s => s.IpVersion == 4)
                ?? throw BeamException.Invalid($"openstack: network {network.Name} has no IPv4 subnet to route: a published port needs one");
            var added = await neutron.Routers.AddInterfaceAsync(router.Id, subnet.Id, cancellationToken).ConfigureAwait(false);

            // Another process may have connected it a moment ago: then the router has a port on the subnet already.
            routerId = added.IsSuccess ? router.Id : await InterfaceRouterAsync(neutron, network.Id, cancellationToken).ConfigureAwait(false)
                ?? throw NeutronErrors.FromResponse(added, $"connect network {network.Name} ({subnet.Cidr}) to router {router.Name} ({router.Id})");
            Log.RouterConnected(logger, network.Name, routerId);
        }

        _routerOf = _routerOf.With(network.Id, routerId, time.GetUtcNow(), RouterLifetime);
        return routerId;
    }

    /// <summary>
    /// The security groups of a port swarmd makes on a network that is not its own, besides the container's: the
    /// backend's <c>--security-group</c>s, else the project's <c>default</c> (what Neutron would give a port made without
    /// any; naming the container's group means naming these too).
    /// </summary>
    public async Task<IReadOnlyList<string>> BaseSecurityGroupsAsync(CancellationToken cancellationToken)
    {
        if (_baseGroups is { } known)
        {
            return known;
        }

        var neutron = await cloud.NetworkAsync(cancellationToken).ConfigureAwait(false);
        var project = await cloud.ProjectIdAsync(cancellationToken).ConfigureAwait(false);
        var ids = new List<string>();
        foreach (var name in options.SecurityGroups.Count > 0 ? options.SecurityGroups : ["default"])
        {
            var groups = Guid.TryParse(name, out _)
                ? await neutron.SecurityGroups.ListAsync(NeutronQuery.Of(("id", name)), cancellationToken).ConfigureAwait(false)
                : await neutron.SecurityGroups.ListAsync(NeutronQuery.Of(("name", name), ("project_id", project)), cancellationToken).ConfigureAwait(false);
            ids.Add(groups switch
            {
                [var one] => one.Id,
                [] => throw BeamException.Invalid($"openstack: security group '{name}' (--security-group) does not exist in the project"),
                _ => throw BeamException.Invalid($"openstack: several security groups are named '{name}' (--security-group); give its id"),
            });
        }

        return _baseGroups = ids;
    }

    public void Dispose() => _gate.Dispose();

    private static async Task<string?> InterfaceRouterAsync(NetworkClient neutron, string networkId, CancellationToken cancellationToken) =>
        (await neutron.Ports.ListAsync(NeutronQuery.Of(("network_id", networkId), ("device_owner", RoutersClient.InterfaceOwner)), cancellationToken).ConfigureAwait(false))
            .Select(p => p.DeviceId).FirstOrDefault(d => d.Length > 0);

    // swarmd's router: --router, else the project's only router whose gateway is on the floating network.
    private async Task<NeutronRouter> RouterAsync(CancellationToken cancellationToken)
    {
        if (_router is { } known)
        {
            return known;
        }

        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_router is { } again)
            {
                return again;
            }

            var neutron = await cloud.NetworkAsync(cancellationToken).ConfigureAwait(false);
            var project = await cloud.ProjectIdAsync(cancellationToken).ConfigureAwait(false);
            var floating = await FloatingNetworkAsync(cancellationToken).ConfigureAwait(false);
            if (options.Router is { } asked)
            {
                var named = await neutron.Routers.ListAsync(NeutronQuery.Of((Guid.TryParse(asked, out _) ? "id" : "name", asked)), cancellationToken).ConfigureAwait(false);
                return _router = named switch
                {
                    [var one] when one.Gateway?.NetworkId == floating.Id => one,
                    [var one] => throw BeamException.Invalid(
                        $"openstack: router {one.Name} (--router) has no gateway on the floating network {floating.Name}, so it cannot carry published ports"),
                    [] => throw BeamException.Invalid($"openstack: router '{asked}' (--router) does not exist"),
                    _ => throw BeamException.Invalid($"openstack: several routers are named '{asked}' (--router); give its id"),
                };
            }

            var routers = (await neutron.Routers.ListAsync(NeutronQuery.Of(("project_id", project)), cancellationToken).ConfigureAwait(false))
                .Where(r => r.Gateway?.NetworkId == floating.Id).ToList();
            return _router = routers switch
            {
                [var one] => one,
                [] => throw BeamException.Invalid(
                    $"openstack: a published port on a Docker network needs a router with its gateway on {floating.Name}, and the project has none; make one, or name one with the openstack backend's --router option"),
                _ => throw BeamException.Invalid(
                    $"openstack: the project has {routers.Count} routers with a gateway on {floating.Name} ({string.Join(", ", routers.Select(r => r.Name))}); choose one with the openstack backend's --router option"),
            };
        }
        finally
        {
            _gate.Release();
        }
    }
}
