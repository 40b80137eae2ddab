using System.Text.Json.Serialization;

namespace Swarm.Backends.Openstack.Network.V2;

/// <summary>A Neutron port.</summary>
internal sealed record NeutronPort
{
    [JsonPropertyName("id")]
    public required string Id { get; init; }

    [JsonPropertyName("name")]
    public string Name { get; init; } = "";

    [JsonPropertyName("description")]
    public string? Description { get; init; }

    [JsonPropertyName("network_id")]
    public string NetworkId { get; init; } = "";

    [JsonPropertyName("device_id")]
    public string DeviceId { get; init; } = "";

    [JsonPropertyName("device_owner")]
    public string DeviceOwner { get; init; } = "";

    [JsonPropertyName("mac_address")]
    public string MacAddress { get; init; } = "";

    [JsonPropertyName("fixed_ips")]
    public IReadOnlyList<FixedIp> FixedIps { get; init; } = [];

    [JsonPropertyName("status")]
    public string? Status { get; init; }

    [JsonPropertyName("created_at")]
    public DateTimeOffset? CreatedAt { get; init; }

    [JsonPropertyName("security_groups")]
    public IReadOnlyList<string> SecurityGroups { get; init; } = [];
}

/// <summary>An address of a port on one subnet.</summary>
internal sealed record FixedIp
{
    [JsonPropertyName("subnet_id")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? SubnetId { get; init; }

    [JsonPropertyName("ip_address")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? IpAddress { get; init; }
}

/// <summary><c>{"port": ...}</c>.</summary>
internal sealed record NeutronPortEnvelope([property: JsonPropertyName("port")] NeutronPort Port);

/// <summary><c>{"ports": [...]}</c>.</summary>
internal sealed record NeutronPortList([property: JsonPropertyName("ports")] IReadOnlyList<NeutronPort> Ports);

/// <summary>The body of <c>POST /v2.0/ports</c>.</summary>
internal sealed record CreatePortRequest([property: JsonPropertyName("port")] CreatePort Port);

/// <summary>What port to create.</summary>
internal sealed record CreatePort
{
    [JsonPropertyName("network_id")]
    public required string NetworkId { get; init; }

    [JsonPropertyName("name")]
    public string? Name { get; init; }

    [JsonPropertyName("description")]
    public string? Description { get; init; }

    [JsonPropertyName("fixed_ips")]
    public IReadOnlyList<FixedIp>? FixedIps { get; init; }

    [JsonPropertyName("security_groups")]
    public IReadOnlyList<string>? SecurityGroups { get; init; }

    /// <summary>A chosen MAC address; Neutron refuses a second port with the same one on a network (MacAddressInUse).</summary>
    [JsonPropertyName("mac_address")]
    public string? MacAddress { get; init; }

    /// <summary>False for a port that carries no traffic.</summary>
    [JsonPropertyName("admin_state_up")]
    public bool? AdminStateUp { get; init; }
}
