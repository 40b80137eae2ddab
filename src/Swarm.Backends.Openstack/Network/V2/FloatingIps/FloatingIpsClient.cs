using System.Text.Json;
using Swarm.Backends.Openstack.Http;

namespace Swarm.Backends.Openstack.Network.V2;

/// <summary>Neutron's floating IPs: list (filtered), get, allocate, tag, release.</summary>
internal sealed class FloatingIpsClient(NetworkClient neutron)
{
    /// <summary><c>GET /v2.0/floatingips</c> with filters (<c>tags</c>, <c>floating_ip_address</c>, <c>floating_network_id</c>).</summary>
    public async Task<IReadOnlyList<NeutronFloatingIp>> ListAsync(IEnumerable<KeyValuePair<string, string>>? filters, CancellationToken cancellationToken) =>
        (await neutron.SendAsync(HttpMethod.Get, neutron.Url("floatingips").With(filters), null, cancellationToken).ConfigureAwait(false))
            .ReadNeutron(OpenstackJson.Default.NeutronFloatingIpList, "floating IP list").FloatingIps;

    /// <summary><c>GET /v2.0/floatingips/{id}</c>; null on 404.</summary>
    public async Task<NeutronFloatingIp?> GetAsync(string id, CancellationToken cancellationToken)
    {
        var response = await neutron.SendAsync(HttpMethod.Get, neutron.Url("floatingips", id), null, cancellationToken).ConfigureAwait(false);
        return response.Status == 404 ? null : response.ReadNeutron(OpenstackJson.Default.NeutronFloatingIpEnvelope, $"floating IP {id}").FloatingIp;
    }

    /// <summary><c>POST /v2.0/floatingips</c>, sent once: allocates an address of the external network.</summary>
    public async Task<NeutronFloatingIp> CreateAsync(CreateFloatingIp floatingIp, CancellationToken cancellationToken)
    {
        var body = JsonSerializer.Serialize(new CreateFloatingIpRequest(floatingIp), OpenstackJson.Default.CreateFloatingIpRequest);
        return (await neutron.SendAsync(HttpMethod.Post, neutron.Url("floatingips"), body, cancellationToken).ConfigureAwait(false))
            .ReadNeutron(OpenstackJson.Default.NeutronFloatingIpEnvelope, $"allocate a floating IP on network {floatingIp.FloatingNetworkId}").FloatingIp;
    }

    /// <summary><c>PUT /v2.0/floatingips/{id}/tags</c>: the floating IP's tags become exactly <paramref name="tags"/>.</summary>
    public async Task ReplaceTagsAsync(string id, IReadOnlyList<string> tags, CancellationToken cancellationToken) =>
        (await neutron.SendAsync(HttpMethod.Put, neutron.Url("floatingips", id, "tags"),
            JsonSerializer.Serialize(new ReplaceTagsRequest(tags), OpenstackJson.Default.ReplaceTagsRequest), cancellationToken).ConfigureAwait(false))
            .EnsureNeutron($"tags of floating IP {id}");

    /// <summary><c>DELETE /v2.0/floatingips/{id}</c>: the address goes back to the pool; the answer is for the caller to judge.</summary>
    public Task<RawResponse> DeleteAsync(string id, CancellationToken cancellationToken) =>
        neutron.SendAsync(HttpMethod.Delete, neutron.Url("floatingips", id), null, cancellationToken);
}
