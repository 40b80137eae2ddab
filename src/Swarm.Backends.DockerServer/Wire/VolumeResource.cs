namespace Swarm.Backends.DockerServer.Wire;

/// <summary>A volume as <c>GET /volumes/{name}</c> and <c>POST /volumes/create</c> answer it.</summary>
internal sealed record VolumeResource
{
    /// <summary>RFC 3339.</summary>
    public string CreatedAt { get; init; } = "";

    public string Driver { get; init; } = "local";

    public IReadOnlyDictionary<string, string> Labels { get; init; } = Empty.Labels;

    public string Mountpoint { get; init; } = "";

    public required string Name { get; init; }

    public IReadOnlyDictionary<string, string> Options { get; init; } = Empty.Labels;

    public string Scope { get; init; } = "local";

    /// <summary>What the backend says about the volume (OpenStack: the Cinder volume's id, status, size, type).</summary>
    public IReadOnlyDictionary<string, string>? Status { get; init; }
}
