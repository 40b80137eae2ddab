using System.Text.Json.Serialization;

namespace Swarm.Backends.DockerServer.Wire;

/// <summary>One item of <c>GET /containers/json</c>.</summary>
internal sealed record ContainerSummary
{
    public required string Id { get; init; }

    public required string[] Names { get; init; }

    public string Image { get; init; } = "";

    [JsonPropertyName("ImageID")]
    public string ImageId { get; init; } = "";

    public string Command { get; init; } = "";

    /// <summary>Unix seconds: the Go CLI rejects any other type here.</summary>
    public long Created { get; init; }

    public PortSummary[] Ports { get; init; } = [];

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public long? SizeRw { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public long? SizeRootFs { get; init; }

    public IReadOnlyDictionary<string, string> Labels { get; init; } = Empty.Labels;

    public string State { get; init; } = "";

    public string Status { get; init; } = "";

    public SummaryHostConfig HostConfig { get; init; } = SummaryHostConfig.Default;

    public SummaryNetworkSettings NetworkSettings { get; init; } = SummaryNetworkSettings.Default;

    public MountPointResource[] Mounts { get; init; } = [];
}
