using System.Text.Json.Serialization;

namespace Swarm.Backends.DockerServer.Wire;

/// <summary><c>GET /images/{name}/json</c>.</summary>
internal sealed record ImageInspect
{
    public required string Id { get; init; }

    public IReadOnlyList<string> RepoTags { get; init; } = [];

    public string[] RepoDigests { get; init; } = [];

    public string Parent { get; init; } = "";

    public string Comment { get; init; } = "";

    public required string Created { get; init; }

    public string DockerVersion { get; init; } = "";

    public string Author { get; init; } = "";

    public ImageConfig Config { get; init; } = new();

    public string Architecture { get; init; } = "";

    public string Os { get; init; } = "";

    public long Size { get; init; }

    [JsonPropertyName("RootFS")]
    public RootFs RootFs { get; init; } = RootFs.Empty;
}
