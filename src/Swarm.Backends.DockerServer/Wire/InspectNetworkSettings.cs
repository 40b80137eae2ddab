using System.Text.Json.Serialization;

namespace Swarm.Backends.DockerServer.Wire;

/// <summary>Inspect's <c>NetworkSettings</c> (the CLI's <c>port</c> dereferences it).</summary>
internal sealed record InspectNetworkSettings
{
    public string Bridge { get; init; } = "";

    [JsonPropertyName("SandboxID")]
    public string SandboxId { get; init; } = "";

    public IReadOnlyDictionary<string, PortBinding[]?> Ports { get; init; } = new Dictionary<string, PortBinding[]?>();

    public string Gateway { get; init; } = "";

    public string IPAddress { get; init; } = "";

    public string MacAddress { get; init; } = "";

    public IReadOnlyDictionary<string, EndpointSettings> Networks { get; init; } = new Dictionary<string, EndpointSettings>();
}
