namespace Swarm.Backends.DockerServer.Wire;

/// <summary><c>GET /containers/{id}/json</c>.</summary>
internal sealed record ContainerInspect
{
    public required string Id { get; init; }

    /// <summary>RFC 3339: the Go CLI rejects a number here.</summary>
    public required string Created { get; init; }

    public string Path { get; init; } = "";

    public IReadOnlyList<string> Args { get; init; } = [];

    public required InspectState State { get; init; }

    public string Image { get; init; } = "";

    public string ResolvConfPath { get; init; } = "";

    public string HostnamePath { get; init; } = "";

    public string HostsPath { get; init; } = "";

    public string LogPath { get; init; } = "";

    public required string Name { get; init; }

    public int RestartCount { get; init; }

    public string Driver { get; init; } = "";

    public string Platform { get; init; } = "linux";

    public string MountLabel { get; init; } = "";

    public string ProcessLabel { get; init; } = "";

    public string AppArmorProfile { get; init; } = "";

    public required InspectHostConfig HostConfig { get; init; }

    public MountPointResource[] Mounts { get; init; } = [];

    public required InspectConfig Config { get; init; }

    public required InspectNetworkSettings NetworkSettings { get; init; }

    /// <summary>swarmd's addition: what the backend says about the container beyond Docker's fields.</summary>
    public IReadOnlyDictionary<string, string> Backend { get; init; } = Empty.Labels;
}
