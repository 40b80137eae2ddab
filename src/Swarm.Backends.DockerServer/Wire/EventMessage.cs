using System.Text.Json.Serialization;

namespace Swarm.Backends.DockerServer.Wire;

/// <summary>One line of <c>GET /events</c>, with the old (<c>status</c>, <c>id</c>, <c>from</c>) and new fields.</summary>
internal sealed record EventMessage
{
    [JsonPropertyName("status")]
    public required string Status { get; init; }

    [JsonPropertyName("id")]
    public required string Id { get; init; }

    [JsonPropertyName("from")]
    public string From { get; init; } = "";

    public string Type { get; init; } = "container";

    public required string Action { get; init; }

    public required EventActor Actor { get; init; }

    [JsonPropertyName("scope")]
    public string Scope { get; init; } = "local";

    [JsonPropertyName("time")]
    public long Time { get; init; }

    [JsonPropertyName("timeNano")]
    public long TimeNano { get; init; }
}
