using System.Text.Json.Serialization;

namespace Swarm.Backends.Openstack.Network.V2;

/// <summary>A Neutron security group.</summary>
internal sealed record NeutronSecurityGroup
{
    [JsonPropertyName("id")]
    public required string Id { get; init; }

    [JsonPropertyName("name")]
    public string Name { get; init; } = "";

    [JsonPropertyName("description")]
    public string? Description { get; init; }

    [JsonPropertyName("created_at")]
    public DateTimeOffset? CreatedAt { get; init; }
}

/// <summary><c>{"security_group": ...}</c>.</summary>
internal sealed record NeutronSecurityGroupEnvelope([property: JsonPropertyName("security_group")] NeutronSecurityGroup SecurityGroup);

/// <summary><c>{"security_groups": [...]}</c>.</summary>
internal sealed record NeutronSecurityGroupList([property: JsonPropertyName("security_groups")] IReadOnlyList<NeutronSecurityGroup> SecurityGroups);

/// <summary>The body of <c>POST /v2.0/security-groups</c>.</summary>
internal sealed record CreateSecurityGroupRequest([property: JsonPropertyName("security_group")] CreateSecurityGroup SecurityGroup);

/// <summary>What security group to create.</summary>
internal sealed record CreateSecurityGroup(
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("description")] string Description);

/// <summary>The body of a bulk <c>POST /v2.0/security-group-rules</c>.</summary>
internal sealed record CreateSecurityGroupRulesRequest([property: JsonPropertyName("security_group_rules")] IReadOnlyList<SecurityGroupRule> Rules);

/// <summary>One rule: ingress from the members of a group, or to a port (range) of one protocol from an address prefix.</summary>
internal sealed record SecurityGroupRule
{
    [JsonPropertyName("security_group_id")]
    public required string SecurityGroupId { get; init; }

    [JsonPropertyName("direction")]
    public string Direction { get; init; } = "ingress";

    [JsonPropertyName("ethertype")]
    public string Ethertype { get; init; } = "IPv4";

    [JsonPropertyName("remote_group_id")]
    public string? RemoteGroupId { get; init; }

    [JsonPropertyName("protocol")]
    public string? Protocol { get; init; }

    [JsonPropertyName("port_range_min")]
    public int? PortRangeMin { get; init; }

    [JsonPropertyName("port_range_max")]
    public int? PortRangeMax { get; init; }

    [JsonPropertyName("remote_ip_prefix")]
    public string? RemoteIpPrefix { get; init; }

    [JsonPropertyName("description")]
    public string? Description { get; init; }
}
