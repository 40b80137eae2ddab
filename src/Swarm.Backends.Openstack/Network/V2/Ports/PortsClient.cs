using System.Text.Json;
using Swarm.Backends.Openstack.Http;

namespace Swarm.Backends.Openstack.Network.V2;

/// <summary>Neutron's ports: list (filtered), get, create, delete.</summary>
internal sealed class PortsClient(NetworkClient neutron)
{
    /// <summary><c>GET /v2.0/ports</c> with filters (<c>id</c>, <c>network_id</c>, <c>device_id</c>).</summary>
    public async Task<IReadOnlyList<NeutronPort>> ListAsync(IEnumerable<KeyValuePair<string, string>>? filters, CancellationToken cancellationToken) =>
        (await neutron.SendAsync(HttpMethod.Get, neutron.Url("ports").With(filters), null, cancellationToken).ConfigureAwait(false)).ReadNeutron(OpenstackJson.Default.NeutronPortList, "port list").Ports;

    /// <summary><c>GET /v2.0/ports/{id}</c>; null on 404.</summary>
    public async Task<NeutronPort?> GetAsync(string id, CancellationToken cancellationToken)
    {
        var response = await neutron.SendAsync(HttpMethod.Get, neutron.Url("ports", id), null, cancellationToken).ConfigureAwait(false);
        return response.Status == 404 ? null : response.ReadNeutron(OpenstackJson.Default.NeutronPortEnvelope, $"port {id}").Port;
    }

    /// <summary><c>POST /v2.0/ports</c>, sent once; the raw answer, for the caller to map Neutron's refusals.</summary>
    public Task<RawResponse> CreateAsync(CreatePort port, CancellationToken cancellationToken) =>
        neutron.SendAsync(HttpMethod.Post, neutron.Url("ports"), JsonSerializer.Serialize(new CreatePortRequest(port), OpenstackJson.Default.CreatePortRequest), cancellationToken);

    /// <summary><c>DELETE /v2.0/ports/{id}</c>; the answer is for the caller to judge (404: gone already).</summary>
    public Task<RawResponse> DeleteAsync(string id, CancellationToken cancellationToken) =>
        neutron.SendAsync(HttpMethod.Delete, neutron.Url("ports", id), null, cancellationToken);
}
