using System.Text.Json.Serialization;

namespace Swarm.Backends.Openstack.Network.V2;

/// <summary>A Neutron network.</summary>
internal sealed record NeutronNetwork
{
    [JsonPropertyName("id")]
    public required string Id { get; init; }

    [JsonPropertyName("name")]
    public string Name { get; init; } = "";

    [JsonPropertyName("description")]
    public string? Description { get; init; }

    [JsonPropertyName("status")]
    public string? Status { get; init; }

    [JsonPropertyName("subnets")]
    public IReadOnlyList<string> Subnets { get; init; } = [];

    [JsonPropertyName("tags")]
    public IReadOnlyList<string> Tags { get; init; } = [];

    [JsonPropertyName("created_at")]
    public DateTimeOffset? CreatedAt { get; init; }

    [JsonPropertyName("project_id")]
    public string? ProjectId { get; init; }

    [JsonPropertyName("router:external")]
    public bool External { get; init; }

    [JsonPropertyName("shared")]
    public bool Shared { get; init; }

    [JsonPropertyName("mtu")]
    public int? Mtu { get; init; }
}

/// <summary><c>{"network": ...}</c>.</summary>
internal sealed record NeutronNetworkEnvelope([property: JsonPropertyName("network")] NeutronNetwork Network);

/// <summary><c>{"networks": [...]}</c>.</summary>
internal sealed record NeutronNetworkList([property: JsonPropertyName("networks")] IReadOnlyList<NeutronNetwork> Networks);

/// <summary>The body of <c>POST /v2.0/networks</c>.</summary>
internal sealed record CreateNetworkRequest([property: JsonPropertyName("network")] CreateNetwork Network);

/// <summary>What network to create.</summary>
internal sealed record CreateNetwork
{
    [JsonPropertyName("name")]
    public required string Name { get; init; }

    [JsonPropertyName("description")]
    public string? Description { get; init; }

    [JsonPropertyName("admin_state_up")]
    public bool AdminStateUp { get; init; } = true;

    [JsonPropertyName("mtu")]
    public int? Mtu { get; init; }
}

/// <summary>The body of <c>PUT /v2.0/networks/{id}/tags</c>: every tag, replacing the old ones.</summary>
internal sealed record ReplaceTagsRequest([property: JsonPropertyName("tags")] IReadOnlyList<string> Tags);
