using System.Text.Json;
using Swarm.Backends.Openstack.Http;

namespace Swarm.Backends.Openstack.Network.V2;

/// <summary>Neutron's security groups and their rules: list (filtered), create, add rules in one call, delete.</summary>
internal sealed class SecurityGroupsClient(NetworkClient neutron)
{
    /// <summary><c>GET /v2.0/security-groups</c> with filters (<c>name</c>, <c>project_id</c>, <c>id</c>).</summary>
    public async Task<IReadOnlyList<NeutronSecurityGroup>> ListAsync(IEnumerable<KeyValuePair<string, string>>? filters, CancellationToken cancellationToken) =>
        (await neutron.SendAsync(HttpMethod.Get, neutron.Url("security-groups").With(filters), null, cancellationToken).ConfigureAwait(false))
            .ReadNeutron(OpenstackJson.Default.NeutronSecurityGroupList, "security group list").SecurityGroups;

    /// <summary><c>POST /v2.0/security-groups</c>, sent once (Neutron adds the egress rules itself).</summary>
    public async Task<NeutronSecurityGroup> CreateAsync(CreateSecurityGroup group, CancellationToken cancellationToken)
    {
        var body = JsonSerializer.Serialize(new CreateSecurityGroupRequest(group), OpenstackJson.Default.CreateSecurityGroupRequest);
        return (await neutron.SendAsync(HttpMethod.Post, neutron.Url("security-groups"), body, cancellationToken).ConfigureAwait(false)).ReadNeutron(OpenstackJson.Default.NeutronSecurityGroupEnvelope, $"create security group '{group.Name}'").SecurityGroup;
    }

    /// <summary>A bulk <c>POST /v2.0/security-group-rules</c>: every rule in one call.</summary>
    public async Task AddRulesAsync(IReadOnlyList<SecurityGroupRule> rules, CancellationToken cancellationToken) =>
        (await neutron.SendAsync(HttpMethod.Post, neutron.Url("security-group-rules"),
            JsonSerializer.Serialize(new CreateSecurityGroupRulesRequest(rules), OpenstackJson.Default.CreateSecurityGroupRulesRequest), cancellationToken).ConfigureAwait(false))
            .EnsureNeutron($"rules of security group {rules[0].SecurityGroupId}");

    /// <summary><c>DELETE /v2.0/security-groups/{id}</c>; the answer is for the caller to judge.</summary>
    public Task<RawResponse> DeleteAsync(string id, CancellationToken cancellationToken) =>
        neutron.SendAsync(HttpMethod.Delete, neutron.Url("security-groups", id), null, cancellationToken);
}
