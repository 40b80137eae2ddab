using System.Text.Json;

namespace Swarm.Backends.Openstack.Network.V2;

/// <summary>Neutron's subnets: list (filtered) and create; a subnet goes with its network's delete.</summary>
internal sealed class SubnetsClient(NetworkClient neutron)
{
    /// <summary><c>GET /v2.0/subnets</c> with filters (<c>network_id</c>, <c>id</c>).</summary>
    public async Task<IReadOnlyList<NeutronSubnet>> ListAsync(IEnumerable<KeyValuePair<string, string>>? filters, CancellationToken cancellationToken) =>
        (await neutron.SendAsync(HttpMethod.Get, neutron.Url("subnets").With(filters), null, cancellationToken).ConfigureAwait(false)).ReadNeutron(OpenstackJson.Default.NeutronSubnetList, "subnet list").Subnets;

    /// <summary><c>POST /v2.0/subnets</c>, sent once.</summary>
    public async Task<NeutronSubnet> CreateAsync(CreateSubnet subnet, CancellationToken cancellationToken)
    {
        var body = JsonSerializer.Serialize(new CreateSubnetRequest(subnet), OpenstackJson.Default.CreateSubnetRequest);
        return (await neutron.SendAsync(HttpMethod.Post, neutron.Url("subnets"), body, cancellationToken).ConfigureAwait(false)).ReadNeutron(OpenstackJson.Default.NeutronSubnetEnvelope, $"create subnet {subnet.Cidr}").Subnet;
    }
}
