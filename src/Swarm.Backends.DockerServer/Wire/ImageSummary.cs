namespace Swarm.Backends.DockerServer.Wire;

/// <summary>One item of <c>GET /images/json</c>.</summary>
internal sealed record ImageSummary
{
    public int Containers { get; init; } = -1;

    /// <summary>Unix seconds: the Go CLI rejects any other type here.</summary>
    public long Created { get; init; }

    public required string Id { get; init; }

    public IReadOnlyDictionary<string, string> Labels { get; init; } = Empty.Labels;

    public string ParentId { get; init; } = "";

    public string[] RepoDigests { get; init; } = [];

    public IReadOnlyList<string> RepoTags { get; init; } = [];

    public long SharedSize { get; init; } = -1;

    public long Size { get; init; }
}
