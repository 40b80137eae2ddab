using System.Text.Json.Serialization;

namespace Swarm.Backends.Openstack.Identity.V3;

/// <summary>Keystone's version document at its root (<c>300 Multiple Choices</c>).</summary>
internal sealed record VersionsResult([property: JsonPropertyName("versions")] VersionValues? Versions);

/// <summary>The list of versions.</summary>
internal sealed record VersionValues([property: JsonPropertyName("values")] IReadOnlyList<ApiVersion> Values);

/// <summary>One API version and its links.</summary>
internal sealed record ApiVersion(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("status")] string? Status,
    [property: JsonPropertyName("links")] IReadOnlyList<Link>? Links);

/// <summary>A link with its relation (<c>self</c>, <c>next</c>).</summary>
internal sealed record Link(
    [property: JsonPropertyName("rel")] string Rel,
    [property: JsonPropertyName("href")] string Href);
