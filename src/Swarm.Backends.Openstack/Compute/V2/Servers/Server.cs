using System.Text.Json;
using System.Text.Json.Serialization;

namespace Swarm.Backends.Openstack.Compute.V2;

/// <summary>A Nova server as <c>GET /servers/detail</c> shows it (microversion 2.47+: the flavor is embedded).</summary>
internal sealed record Server
{
    [JsonPropertyName("id")]
    public required string Id { get; init; }

    [JsonPropertyName("name")]
    public string Name { get; init; } = "";

    [JsonPropertyName("status")]
    public string Status { get; init; } = "";

    [JsonPropertyName("OS-EXT-STS:task_state")]
    public string? TaskState { get; init; }

    [JsonPropertyName("OS-EXT-STS:vm_state")]
    public string? VmState { get; init; }

    [JsonPropertyName("created")]
    public DateTimeOffset Created { get; init; }

    [JsonPropertyName("updated")]
    public DateTimeOffset? Updated { get; init; }

    [JsonPropertyName("OS-SRV-USG:launched_at")]
    public string? LaunchedAt { get; init; }

    // A server booted from a volume has "image": "" instead of an object, hence the element.
    [JsonPropertyName("image")]
    public JsonElement Image { get; init; }

    [JsonPropertyName("flavor")]
    public ServerFlavor? Flavor { get; init; }

    [JsonPropertyName("metadata")]
    public IReadOnlyDictionary<string, string>? Metadata { get; init; }

    [JsonPropertyName("fault")]
    public ServerFault? Fault { get; init; }

    [JsonPropertyName("OS-EXT-AZ:availability_zone")]
    public string? AvailabilityZone { get; init; }

    [JsonPropertyName("OS-EXT-SRV-ATTR:host")]
    public string? Host { get; init; }

    [JsonPropertyName("key_name")]
    public string? KeyName { get; init; }

    // Keyed by Neutron network name: what Nova shows once it has bound the server's ports (empty while it builds).
    [JsonPropertyName("addresses")]
    public IReadOnlyDictionary<string, IReadOnlyList<ServerAddress>>? Addresses { get; init; }

    // The Cinder volumes attached, from the moment Nova accepted the server (its block device mappings).
    [JsonPropertyName("os-extended-volumes:volumes_attached")]
    public IReadOnlyList<AttachedVolume>? VolumesAttached { get; init; }

    /// <summary>The Glance image id, or "" for a volume-backed server.</summary>
    public string ImageId =>
        Image.ValueKind == JsonValueKind.Object && Image.TryGetProperty("id", out var id) ? id.GetString() ?? "" : "";
}
