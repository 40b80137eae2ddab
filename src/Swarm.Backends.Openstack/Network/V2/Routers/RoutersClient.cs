using System.Text.Json;
using Swarm.Backends.Openstack.Http;

namespace Swarm.Backends.Openstack.Network.V2;

/// <summary>Neutron's routers: list, and add or remove an interface.</summary>
internal sealed class RoutersClient(NetworkClient neutron)
{
    /// <summary>The device owner of a router's interface port (OVN's and the L3 agent's; DVR has its own).</summary>
    public const string InterfaceOwner = "network:router_interface";

    /// <summary><c>GET /v2.0/routers</c> with filters (<c>project_id</c>, <c>name</c>, <c>id</c>).</summary>
    public async Task<IReadOnlyList<NeutronRouter>> ListAsync(IEnumerable<KeyValuePair<string, string>>? filters, CancellationToken cancellationToken) =>
        (await neutron.SendAsync(HttpMethod.Get, neutron.Url("routers").With(filters), null, cancellationToken).ConfigureAwait(false))
            .ReadNeutron(OpenstackJson.Default.NeutronRouterList, "router list").Routers;

    /// <summary><c>PUT /v2.0/routers/{id}/add_router_interface</c> with a subnet (the router takes its gateway address); the raw answer.</summary>
    public Task<RawResponse> AddInterfaceAsync(string routerId, string subnetId, CancellationToken cancellationToken) =>
        neutron.SendAsync(HttpMethod.Put, neutron.Url("routers", routerId, "add_router_interface"),
            JsonSerializer.Serialize(new RouterInterfaceRequest { SubnetId = subnetId }, OpenstackJson.Default.RouterInterfaceRequest), cancellationToken);

    /// <summary><c>PUT /v2.0/routers/{id}/remove_router_interface</c> by the interface's port; the raw answer (404: gone already).</summary>
    public Task<RawResponse> RemoveInterfaceAsync(string routerId, string portId, CancellationToken cancellationToken) =>
        neutron.SendAsync(HttpMethod.Put, neutron.Url("routers", routerId, "remove_router_interface"),
            JsonSerializer.Serialize(new RouterInterfaceRequest { PortId = portId }, OpenstackJson.Default.RouterInterfaceRequest), cancellationToken);
}
