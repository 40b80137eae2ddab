using System.Text.Json.Serialization;

namespace Swarm.Backends.DockerServer.Wire;

/// <summary>Every error body: <c>{"message":"..."}</c>.</summary>
internal sealed record ErrorResponse([property: JsonPropertyName("message")] string Message);
