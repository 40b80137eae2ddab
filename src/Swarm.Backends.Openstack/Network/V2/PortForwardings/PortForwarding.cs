using System.Text.Json.Serialization;

namespace Swarm.Backends.Openstack.Network.V2;

/// <summary>A port forwarding of a floating IP: traffic to the external port goes to a port's address and internal port.</summary>
internal sealed record PortForwarding
{
    [JsonPropertyName("id")]
    public string? Id { get; init; }

    [JsonPropertyName("protocol")]
    public string Protocol { get; init; } = "tcp";

    [JsonPropertyName("internal_port_id")]
    public string InternalPortId { get; init; } = "";

    [JsonPropertyName("internal_ip_address")]
    public string InternalIpAddress { get; init; } = "";

    [JsonPropertyName("internal_port")]
    public int InternalPort { get; init; }

    [JsonPropertyName("external_port")]
    public int ExternalPort { get; init; }

    [JsonPropertyName("description")]
    public string? Description { get; init; }
}

/// <summary><c>{"port_forwarding": ...}</c>: the body of a create and its answer.</summary>
internal sealed record PortForwardingEnvelope([property: JsonPropertyName("port_forwarding")] PortForwarding PortForwarding);
