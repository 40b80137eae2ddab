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
}

/// <summary>A security group by name.</summary>
internal sealed record SecurityGroupRef([property: JsonPropertyName("name")] string Name);
