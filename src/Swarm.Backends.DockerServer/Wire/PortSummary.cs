using System.Text.Json.Serialization;

namespace Swarm.Backends.DockerServer.Wire;

/// <summary>One entry of a list item's <c>Ports</c>.</summary>
internal sealed record PortSummary
{
    [JsonPropertyName("IP")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Ip { get; init; }

    public int PrivatePort { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public int? PublicPort { get; init; }

    public string Type { get; init; } = "tcp";
}
