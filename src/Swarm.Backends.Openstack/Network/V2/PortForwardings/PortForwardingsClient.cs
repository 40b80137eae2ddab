using System.Text.Json;
using Swarm.Backends.Openstack.Http;

namespace Swarm.Backends.Openstack.Network.V2;

/// <summary>Neutron's port forwardings (a floating IP's sub-resource): create, delete. A floating IP lists its own inline.</summary>
internal sealed class PortForwardingsClient(NetworkClient neutron)
{
    /// <summary>
    /// <c>POST /v2.0/floatingips/{id}/port_forwardings</c>, sent once; the raw answer, for the caller to map Neutron's
    /// refusals (a 400 "port collision" when the external port, or the internal one, is taken on that floating IP).
    /// </summary>
    public Task<RawResponse> CreateAsync(string floatingIpId, PortForwarding forwarding, CancellationToken cancellationToken) =>
        neutron.SendAsync(HttpMethod.Post, neutron.Url("floatingips", floatingIpId, "port_forwardings"),
            JsonSerializer.Serialize(new PortForwardingEnvelope(forwarding), OpenstackJson.Default.PortForwardingEnvelope), cancellationToken);

    /// <summary><c>DELETE /v2.0/floatingips/{id}/port_forwardings/{pf}</c>; the answer is for the caller to judge (404: gone already).</summary>
    public Task<RawResponse> DeleteAsync(string floatingIpId, string forwardingId, CancellationToken cancellationToken) =>
        neutron.SendAsync(HttpMethod.Delete, neutron.Url("floatingips", floatingIpId, "port_forwardings", forwardingId), null, cancellationToken);
}
