using System.Text.Json.Serialization;

namespace Swarm.Backends.Openstack.Identity.V3;

/// <summary>The body of <c>POST /v3/auth/tokens</c> (the token itself is in the X-Subject-Token header).</summary>
internal sealed record TokenResult([property: JsonPropertyName("token")] TokenBody Token);

/// <summary>A token's details.</summary>
internal sealed record TokenBody(
    [property: JsonPropertyName("expires_at")] DateTimeOffset ExpiresAt,
    [property: JsonPropertyName("catalog")] IReadOnlyList<CatalogService>? Catalog,
    [property: JsonPropertyName("project")] TokenProject? Project);

/// <summary>The project a token is scoped to.</summary>
internal sealed record TokenProject(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("name")] string? Name);

/// <summary>A service of the catalog.</summary>
internal sealed record CatalogService(
    [property: JsonPropertyName("type")] string Type,
    [property: JsonPropertyName("name")] string? Name,
    [property: JsonPropertyName("endpoints")] IReadOnlyList<CatalogEndpoint> Endpoints);

/// <summary>One endpoint of a catalog service.</summary>
internal sealed record CatalogEndpoint(
    [property: JsonPropertyName("interface")] string Interface,
    [property: JsonPropertyName("region")] string? Region,
    [property: JsonPropertyName("region_id")] string? RegionId,
    [property: JsonPropertyName("url")] string Url);
