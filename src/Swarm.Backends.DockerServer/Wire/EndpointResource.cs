using System.Text.Json.Serialization;

namespace Swarm.Backends.DockerServer.Wire;

/// <summary>One container of a network's inspect (<c>Containers[id]</c>).</summary>
internal sealed record EndpointResource
{
    public string Name { get; init; } = "";

    [JsonPropertyName("EndpointID")]
    public string EndpointId { get; init; } = "";

    public string MacAddress { get; init; } = "";

    public string IPv4Address { get; init; } = "";

    public string IPv6Address { get; init; } = "";
}
