using System.Text.Json.Serialization;

namespace Swarm.Backends.Openstack.BlockStorage.V3;

/// <summary>A Cinder volume as <c>GET /volumes/detail</c> shows it.</summary>
internal sealed record CinderVolume
{
    [JsonPropertyName("id")]
    public required string Id { get; init; }

    [JsonPropertyName("name")]
    public string? Name { get; init; }

    [JsonPropertyName("description")]
    public string? Description { get; init; }

    /// <summary><c>creating</c>, <c>available</c>, <c>reserved</c>, <c>attaching</c>, <c>in-use</c>, <c>detaching</c>, <c>deleting</c>, <c>error</c>, ...</summary>
    [JsonPropertyName("status")]
    public string Status { get; init; } = "";

    /// <summary>Size in GiB.</summary>
    [JsonPropertyName("size")]
    public int Size { get; init; }

    [JsonPropertyName("volume_type")]
    public string? VolumeType { get; init; }

    [JsonPropertyName("multiattach")]
    public bool Multiattach { get; init; }

    [JsonPropertyName("metadata")]
    public IReadOnlyDictionary<string, string>? Metadata { get; init; }

    [JsonPropertyName("attachments")]
    public IReadOnlyList<VolumeAttachment> Attachments { get; init; } = [];

    // Cinder writes its times without an offset: they are UTC.
    [JsonPropertyName("created_at")]
    public DateTime? CreatedAt { get; init; }

    /// <summary>When it was created, as UTC.</summary>
    public DateTimeOffset Created => CreatedAt is { } at ? new DateTimeOffset(DateTime.SpecifyKind(at, DateTimeKind.Utc)) : DateTimeOffset.UnixEpoch;
}

/// <summary>One server a volume is attached to.</summary>
internal sealed record VolumeAttachment(
    [property: JsonPropertyName("server_id")] string? ServerId,
    [property: JsonPropertyName("attachment_id")] string? AttachmentId,
    [property: JsonPropertyName("device")] string? Device);

/// <summary><c>{"volume": ...}</c>.</summary>
internal sealed record CinderVolumeEnvelope([property: JsonPropertyName("volume")] CinderVolume Volume);

/// <summary>One page of <c>{"volumes": [...], "volumes_links": [...]}</c>.</summary>
internal sealed record CinderVolumePage(
    [property: JsonPropertyName("volumes")] IReadOnlyList<CinderVolume> Volumes,
    [property: JsonPropertyName("volumes_links")] IReadOnlyList<Identity.V3.Link>? Links);

/// <summary>The body of <c>POST /volumes</c>.</summary>
internal sealed record CreateVolumeRequest([property: JsonPropertyName("volume")] CreateVolume Volume);

/// <summary>What volume to create.</summary>
internal sealed record CreateVolume
{
    [JsonPropertyName("name")]
    public required string Name { get; init; }

    [JsonPropertyName("size")]
    public required int Size { get; init; }

    [JsonPropertyName("description")]
    public string? Description { get; init; }

    [JsonPropertyName("volume_type")]
    public string? VolumeType { get; init; }

    [JsonPropertyName("metadata")]
    public IReadOnlyDictionary<string, string>? Metadata { get; init; }
}

/// <summary>The body of <c>POST /volumes/{id}/action</c> for <c>os-force_delete</c>.</summary>
internal sealed record ForceDeleteRequest([property: JsonPropertyName("os-force_delete")] ForceDelete ForceDelete);

/// <summary>The (empty) argument of <c>os-force_delete</c>.</summary>
internal sealed record ForceDelete;
