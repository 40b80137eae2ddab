namespace Swarm.Backends.DockerServer.Wire;

/// <summary><c>POST /volumes/create</c>'s body (keys match ignoring case; docker-py sends nulls for what it leaves out).</summary>
internal sealed record VolumeCreateBody
{
    public string? Name { get; init; }

    public string? Driver { get; init; }

    public Dictionary<string, string>? DriverOpts { get; init; }

    public Dictionary<string, string>? Labels { get; init; }
}
