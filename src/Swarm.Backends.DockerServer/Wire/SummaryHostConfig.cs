namespace Swarm.Backends.DockerServer.Wire;

/// <summary>A list item's <c>HostConfig</c>.</summary>
internal sealed record SummaryHostConfig
{
    public static readonly SummaryHostConfig Default = new();

    public string NetworkMode { get; init; } = "default";
}
