using System.Text.Json.Serialization;

namespace Swarm.Backends.Openstack.Network.V2;

/// <summary>A Neutron subnet.</summary>
internal sealed record NeutronSubnet
{
    [JsonPropertyName("id")]
    public required string Id { get; init; }

    [JsonPropertyName("name")]
    public string Name { get; init; } = "";

    [JsonPropertyName("network_id")]
    public string NetworkId { get; init; } = "";

    [JsonPropertyName("cidr")]
    public string Cidr { get; init; } = "";

    [JsonPropertyName("gateway_ip")]
    public string? GatewayIp { get; init; }

    [JsonPropertyName("ip_version")]
    public int IpVersion { get; init; } = 4;

    [JsonPropertyName("allocation_pools")]
    public IReadOnlyList<AllocationPool>? AllocationPools { get; init; }
}

/// <summary>A range of a subnet Neutron hands addresses out from.</summary>
internal sealed record AllocationPool([property: JsonPropertyName("start")] string Start, [property: JsonPropertyName("end")] string End);

/// <summary><c>{"subnet": ...}</c>.</summary>
internal sealed record NeutronSubnetEnvelope([property: JsonPropertyName("subnet")] NeutronSubnet Subnet);

/// <summary><c>{"subnets": [...]}</c>.</summary>
internal sealed record NeutronSubnetList([property: JsonPropertyName("subnets")] IReadOnlyList<NeutronSubnet> Subnets);

/// <summary>The body of <c>POST /v2.0/subnets</c>.</summary>
internal sealed record CreateSubnetRequest([property: JsonPropertyName("subnet")] CreateSubnet Subnet);

/// <summary>What subnet to create.</summary>
internal sealed record CreateSubnet
{
    [JsonPropertyName("network_id")]
    public required string NetworkId { get; init; }

    [JsonPropertyName("name")]
    public string? Name { get; init; }

    [JsonPropertyName("ip_version")]
    public int IpVersion { get; init; } = 4;

    [JsonPropertyName("cidr")]
    public required string Cidr { get; init; }

    [JsonPropertyName("gateway_ip")]
    public string? GatewayIp { get; init; }

    [JsonPropertyName("allocation_pools")]
    public IReadOnlyList<AllocationPool>? AllocationPools { get; init; }

    [JsonPropertyName("enable_dhcp")]
    public bool EnableDhcp { get; init; } = true;
}
