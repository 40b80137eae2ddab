using System.Text.Json.Serialization;

namespace Swarm.Backends.DockerServer.Wire;

/// <summary>One line of pull progress (<c>POST /images/create</c>).</summary>
internal sealed record PullProgress(
    [property: JsonPropertyName("status")] string Status,
    [property: JsonPropertyName("id"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Id = null);
