using System.Text.Json;
using Swarm.Backends.Openstack.Http;

namespace Swarm.Backends.Openstack.Network.V2;

/// <summary>Neutron's networks: list (filtered), get, create, tag, delete.</summary>
internal sealed class NetworksClient(NetworkClient neutron)
{
    /// <summary><c>GET /v2.0/networks</c> with filters (<c>tags</c>, <c>name</c>, <c>id</c>).</summary>
    public async Task<IReadOnlyList<NeutronNetwork>> ListAsync(IEnumerable<KeyValuePair<string, string>>? filters, CancellationToken cancellationToken) =>
        (await neutron.SendAsync(HttpMethod.Get, neutron.Url("networks").With(filters), null, cancellationToken).ConfigureAwait(false)).ReadNeutron(OpenstackJson.Default.NeutronNetworkList, "network list").Networks;

    /// <summary><c>GET /v2.0/networks/{id}</c>; null on 404.</summary>
    public async Task<NeutronNetwork?> GetAsync(string id, CancellationToken cancellationToken)
    {
        var response = await neutron.SendAsync(HttpMethod.Get, neutron.Url("networks", id), null, cancellationToken).ConfigureAwait(false);
        return response.Status == 404 ? null : response.ReadNeutron(OpenstackJson.Default.NeutronNetworkEnvelope, $"network {id}").Network;
    }

    /// <summary><c>POST /v2.0/networks</c>, sent once.</summary>
    public async Task<NeutronNetwork> CreateAsync(CreateNetwork network, CancellationToken cancellationToken)
    {
        var body = JsonSerializer.Serialize(new CreateNetworkRequest(network), OpenstackJson.Default.CreateNetworkRequest);
        return (await neutron.SendAsync(HttpMethod.Post, neutron.Url("networks"), body, cancellationToken).ConfigureAwait(false)).ReadNeutron(OpenstackJson.Default.NeutronNetworkEnvelope, $"create network '{network.Name}'").Network;
    }

    /// <summary><c>PUT /v2.0/networks/{id}/tags</c>: the network's tags become exactly <paramref name="tags"/>.</summary>
    public async Task ReplaceTagsAsync(string id, IReadOnlyList<string> tags, CancellationToken cancellationToken) =>
        (await neutron.SendAsync(HttpMethod.Put, neutron.Url("networks", id, "tags"),
            JsonSerializer.Serialize(new ReplaceTagsRequest(tags), OpenstackJson.Default.ReplaceTagsRequest), cancellationToken).ConfigureAwait(false))
            .EnsureNeutron($"tags of network {id}");

    /// <summary><c>DELETE /v2.0/networks/{id}</c> (its subnets go with it); the answer is for the caller to judge.</summary>
    public Task<RawResponse> DeleteAsync(string id, CancellationToken cancellationToken) =>
        neutron.SendAsync(HttpMethod.Delete, neutron.Url("networks", id), null, cancellationToken);
}
