using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace Swarm.Backends.Openstack.Compute.V2;

/// <summary>The body of <c>POST /servers</c>.</summary>
internal sealed record CreateServerRequest([property: JsonPropertyName("server")] CreateServer Server);

/// <summary>What to boot.</summary>
internal sealed record CreateServer
{
    [JsonPropertyName("name")]
    public required string Name { get; init; }

    [JsonPropertyName("imageRef")]
    public required string ImageRef { get; init; }

    [JsonPropertyName("flavorRef")]
    public required string FlavorRef { get; init; }

    // Either the string "none"/"auto" (2.37+) or a list of {"uuid": ...}.
    [JsonPropertyName("networks")]
    public required JsonNode Networks { get; init; }

    [JsonPropertyName("metadata")]
    public IReadOnlyDictionary<string, string>? Metadata { get; init; }

    [JsonPropertyName("key_name")]
    public string? KeyName { get; init; }

    [JsonPropertyName("availability_zone")]
    public string? AvailabilityZone { get; init; }

    [JsonPropertyName("security_groups")]
    public IReadOnlyList<SecurityGroupRef>? SecurityGroups { get; init; }

    // The image as the root disk (boot index 0), then each Cinder volume to attach at boot.
    [JsonPropertyName("block_device_mapping_v2")]
    public IReadOnlyList<BlockDeviceMapping>? BlockDeviceMappings { get; init; }

    // Base64; run by cloud-init (or cirros-init) at the first boot.
    [JsonPropertyName("user_data")]
    public string? UserData { get; init; }
}

/// <summary>One entry of <c>block_device_mapping_v2</c>.</summary>
internal sealed record BlockDeviceMapping
{
    [JsonPropertyName("uuid")]
    public required string Uuid { get; init; }

    [JsonPropertyName("source_type")]
    public required string SourceType { get; init; }

    [JsonPropertyName("destination_type")]
    public required string DestinationType { get; init; }

    [JsonPropertyName("boot_index")]
    public int BootIndex { get; init; }

    [JsonPropertyName("delete_on_termination")]
    public bool DeleteOnTermination { get; init; }

    /// <summary>The image as the server's local root disk.</summary>
    public static BlockDeviceMapping Image(string imageId) => new()
    {
        Uuid = imageId, SourceType = "image", DestinationType = "local", BootIndex = 0, DeleteOnTermination = true,
    };

    /// <summary>A Cinder volume attached as a data disk, kept when the server goes.</summary>
    public static BlockDeviceMapping Volume(string volumeId) => new()
    {
        Uuid = volumeId, SourceType = "volume", DestinationType = "volume", BootIndex = -1, DeleteOnTermination = false,
    };
}

/// <summary>A security group by name.</summary>
internal sealed record SecurityGroupRef([property: JsonPropertyName("name")] string Name);
