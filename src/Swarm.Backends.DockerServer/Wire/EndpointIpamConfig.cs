using System.Text.Json.Serialization;

namespace Swarm.Backends.DockerServer.Wire;

/// <summary>An endpoint's <c>IPAMConfig</c>: the addresses asked for.</summary>
internal sealed record EndpointIpamConfig
{
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? IPv4Address { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? IPv6Address { get; init; }
}
