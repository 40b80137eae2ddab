using System.Text.Json.Serialization;

namespace Swarm.Backends.Openstack.Containers;

/// <summary>
/// One Cinder volume a container mounts, as kept in its server's metadata (<c>swarm.mounts</c>): the Docker volume's
/// name, the Cinder volume, the path and whether it is read-only or anonymous. Kept in Nova, so inspect, <c>rm -v</c>
/// and <c>--rm</c> work from any swarmd process.
/// </summary>
internal sealed record MountEntry
{
    [JsonPropertyName("n")]
    public required string Name { get; init; }

    [JsonPropertyName("v")]
    public required string VolumeId { get; init; }

    [JsonPropertyName("d")]
    public required string Destination { get; init; }

    [JsonPropertyName("ro")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public bool ReadOnly { get; init; }

    [JsonPropertyName("m")]
    public string? Mode { get; init; }

    [JsonPropertyName("a")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public bool Anonymous { get; init; }
}
