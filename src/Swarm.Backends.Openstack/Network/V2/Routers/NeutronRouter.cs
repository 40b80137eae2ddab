using System.Text.Json.Serialization;

namespace Swarm.Backends.Openstack.Network.V2;

/// <summary>A Neutron router.</summary>
internal sealed record NeutronRouter
{
    [JsonPropertyName("id")]
    public required string Id { get; init; }

    [JsonPropertyName("name")]
    public string Name { get; init; } = "";

    [JsonPropertyName("external_gateway_info")]
    public RouterGateway? Gateway { get; init; }
}

/// <summary>Where a router's gateway is: the external network.</summary>
internal sealed record RouterGateway([property: JsonPropertyName("network_id")] string? NetworkId);

/// <summary><c>{"routers": [...]}</c>.</summary>
internal sealed record NeutronRouterList([property: JsonPropertyName("routers")] IReadOnlyList<NeutronRouter> Routers);

/// <summary>
/// The body of <c>PUT /v2.0/routers/{id}/add_router_interface</c> (a subnet) and <c>remove_router_interface</c> (a
/// subnet or a port).
/// </summary>
internal sealed record RouterInterfaceRequest
{
    [JsonPropertyName("subnet_id")]
    public string? SubnetId { get; init; }

    [JsonPropertyName("port_id")]
    public string? PortId { get; init; }
}
