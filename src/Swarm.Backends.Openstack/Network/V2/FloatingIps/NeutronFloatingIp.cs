using System.Text.Json.Serialization;

namespace Swarm.Backends.Openstack.Network.V2;

/// <summary>A Neutron floating IP, with the port forwardings on it (Neutron lists them inline).</summary>
internal sealed record NeutronFloatingIp
{
    [JsonPropertyName("id")]
    public required string Id { get; init; }

    [JsonPropertyName("floating_ip_address")]
    public string Address { get; init; } = "";

    [JsonPropertyName("floating_network_id")]
    public string FloatingNetworkId { get; init; } = "";

    [JsonPropertyName("router_id")]
    public string? RouterId { get; init; }

    // Set when the floating IP is associated with one port as a whole (then it takes no port forwardings).
    [JsonPropertyName("port_id")]
    public string? PortId { get; init; }

    [JsonPropertyName("status")]
    public string? Status { get; init; }

    [JsonPropertyName("description")]
    public string? Description { get; init; }

    [JsonPropertyName("tags")]
    public IReadOnlyList<string> Tags { get; init; } = [];

    [JsonPropertyName("created_at")]
    public DateTimeOffset? CreatedAt { get; init; }

    [JsonPropertyName("port_forwardings")]
    public IReadOnlyList<PortForwarding> PortForwardings { get; init; } = [];
}

/// <summary><c>{"floatingip": ...}</c>.</summary>
internal sealed record NeutronFloatingIpEnvelope([property: JsonPropertyName("floatingip")] NeutronFloatingIp FloatingIp);

/// <summary><c>{"floatingips": [...]}</c>.</summary>
internal sealed record NeutronFloatingIpList([property: JsonPropertyName("floatingips")] IReadOnlyList<NeutronFloatingIp> FloatingIps);

/// <summary>The body of <c>POST /v2.0/floatingips</c>.</summary>
internal sealed record CreateFloatingIpRequest([property: JsonPropertyName("floatingip")] CreateFloatingIp FloatingIp);

/// <summary>What floating IP to allocate: one from an external network, associated with no port.</summary>
internal sealed record CreateFloatingIp(
    [property: JsonPropertyName("floating_network_id")] string FloatingNetworkId,
    [property: JsonPropertyName("description")] string Description);
