using System.Text.Json.Serialization;

namespace Swarm.Backends.DockerServer.Wire;

/// <summary>A network as <c>GET /networks</c> and <c>GET /networks/{id}</c> show it.</summary>
internal sealed record NetworkResource
{
    public required string Name { get; init; }

    [JsonPropertyName("Id")]
    public required string Id { get; init; }

    /// <summary>RFC 3339 with nanoseconds.</summary>
    public required string Created { get; init; }

    public string Scope { get; init; } = "local";

    public string Driver { get; init; } = "bridge";

    public bool EnableIPv4 { get; init; } = true;

    public bool EnableIPv6 { get; init; }

    public required WireIpam IPAM { get; init; }

    public bool Internal { get; init; }

    public bool Attachable { get; init; }

    public bool Ingress { get; init; }

    public ConfigReference ConfigFrom { get; init; } = ConfigReference.None;

    public bool ConfigOnly { get; init; }

    public IReadOnlyDictionary<string, EndpointResource> Containers { get; init; } = new Dictionary<string, EndpointResource>();

    public IReadOnlyDictionary<string, string> Options { get; init; } = Empty.Labels;

    public IReadOnlyDictionary<string, string> Labels { get; init; } = Empty.Labels;

    /// <summary>swarmd's addition: what the backend says about the network beyond Docker's fields.</summary>
    public IReadOnlyDictionary<string, string> Backend { get; init; } = Empty.Labels;
}
