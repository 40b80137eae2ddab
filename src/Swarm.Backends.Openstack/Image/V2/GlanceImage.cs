using System.Text.Json.Serialization;

namespace Swarm.Backends.Openstack.Image.V2;

/// <summary>A Glance v2 image.</summary>
internal sealed record GlanceImage
{
    [JsonPropertyName("id")]
    public required string Id { get; init; }

    [JsonPropertyName("name")]
    public string? Name { get; init; }

    [JsonPropertyName("status")]
    public string? Status { get; init; }

    [JsonPropertyName("size")]
    public long? Size { get; init; }

    [JsonPropertyName("created_at")]
    public DateTimeOffset Created { get; init; }

    [JsonPropertyName("tags")]
    public IReadOnlyList<string>? Tags { get; init; }

    [JsonPropertyName("visibility")]
    public string? Visibility { get; init; }

    [JsonPropertyName("disk_format")]
    public string? DiskFormat { get; init; }

    [JsonPropertyName("os_distro")]
    public string? OsDistro { get; init; }

    [JsonPropertyName("architecture")]
    public string? Architecture { get; init; }
}

/// <summary>One page of <c>GET /v2/images</c>; <see cref="Next"/> is relative to the endpoint's root.</summary>
internal sealed record GlanceImagePage(
    [property: JsonPropertyName("images")] IReadOnlyList<GlanceImage> Images,
    [property: JsonPropertyName("next")] string? Next);
