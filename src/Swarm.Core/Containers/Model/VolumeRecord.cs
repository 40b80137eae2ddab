namespace Swarm.Core.Containers;

/// <summary>What a backend knows about one volume: an item of the Volumes verb's answer.</summary>
public sealed record VolumeRecord
{
    /// <summary>The name: unique among the host's volumes.</summary>
    public required string Name { get; init; }

    /// <summary>The driver (<c>local</c> in the simulator, <c>cinder</c> on OpenStack unless another name was asked for).</summary>
    public string Driver { get; init; } = "local";

    /// <summary>Where the volume lives: a path on a Docker host, the Cinder volume's id on OpenStack.</summary>
    public string Mountpoint { get; init; } = "";

    /// <summary>When it was created.</summary>
    public DateTimeOffset Created { get; init; }

    /// <summary>Docker's scope: <c>local</c>.</summary>
    public string Scope { get; init; } = "local";

    /// <summary>Driver options as asked, verbatim.</summary>
    public IReadOnlyDictionary<string, string> Options { get; init; } = new Dictionary<string, string>();

    /// <summary>Labels as asked, verbatim.</summary>
    public IReadOnlyDictionary<string, string> Labels { get; init; } = new Dictionary<string, string>();

    /// <summary>The ids of the containers that mount it (empty: dangling).</summary>
    public IReadOnlyList<string> Containers { get; init; } = [];

    /// <summary>Backend-specific facts shown as Docker's <c>Status</c> (for OpenStack: the Cinder id, status, size, type).</summary>
    public IReadOnlyDictionary<string, string> Status { get; init; } = new Dictionary<string, string>();

    /// <summary>True for a volume made for one container (<c>-v /path</c>): removed with it by <c>rm -v</c> and <c>--rm</c>.</summary>
    public bool Anonymous => Labels.ContainsKey(DockerVolumes.AnonymousLabel);
}
