namespace Swarm.Backends.DockerServer.Wire;

/// <summary><c>GET /version</c>; docker-py refuses to start without <c>ApiVersion</c>.</summary>
internal sealed record VersionResponse
{
    public required PlatformName Platform { get; init; }

    public required VersionComponent[] Components { get; init; }

    public required string Version { get; init; }

    public required string ApiVersion { get; init; }

    public required string MinAPIVersion { get; init; }

    public string GitCommit { get; init; } = "";

    public string GoVersion { get; init; } = "";

    public required string Os { get; init; }

    public required string Arch { get; init; }

    public string KernelVersion { get; init; } = "";

    public bool Experimental { get; init; }

    public string BuildTime { get; init; } = "";
}
