namespace Swarm.Core.Containers;

/// <summary>An image a backend can create containers from.</summary>
public sealed record ImageRecord
{
    /// <summary>The backend's id (a Glance UUID, a simulator digest <c>sha256:...</c>).</summary>
    public required string Id { get; init; }

    /// <summary>Its names with tags, <c>cirros:latest</c>.</summary>
    public IReadOnlyList<string> RepoTags { get; init; } = [];

    /// <summary>When it was created.</summary>
    public DateTimeOffset Created { get; init; }

    /// <summary>Size in bytes.</summary>
    public long Size { get; init; }

    /// <summary>Operating system, <c>linux</c>.</summary>
    public string Os { get; init; } = "linux";

    /// <summary>Architecture, <c>amd64</c>.</summary>
    public string Architecture { get; init; } = "amd64";

    /// <summary>The command a container of this image runs when its create names none (empty: unknown).</summary>
    public IReadOnlyList<string> Cmd { get; init; } = [];

    /// <summary>Labels or properties.</summary>
    public IReadOnlyDictionary<string, string> Labels { get; init; } = new Dictionary<string, string>();
}
