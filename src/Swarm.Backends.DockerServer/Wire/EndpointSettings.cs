using System.Text.Json.Serialization;

namespace Swarm.Backends.DockerServer.Wire;

/// <summary>A container's endpoint on one network (<c>NetworkSettings.Networks[name]</c>).</summary>
internal sealed record EndpointSettings
{
    public EndpointIpamConfig? IPAMConfig { get; init; }

    public IReadOnlyList<string>? Links { get; init; }

    public IReadOnlyList<string>? Aliases { get; init; }

    public string MacAddress { get; init; } = "";

    public IReadOnlyDictionary<string, string>? DriverOpts { get; init; }

    public int GwPriority { get; init; }

    [JsonPropertyName("NetworkID")]
    public string NetworkId { get; init; } = "";

    [JsonPropertyName("EndpointID")]
    public string EndpointId { get; init; } = "";

    public string Gateway { get; init; } = "";

    public string IPAddress { get; init; } = "";

    public int IPPrefixLen { get; init; }

    public string IPv6Gateway { get; init; } = "";

    public string GlobalIPv6Address { get; init; } = "";

    public int GlobalIPv6PrefixLen { get; init; }

    public IReadOnlyList<string>? DNSNames { get; init; }
}
