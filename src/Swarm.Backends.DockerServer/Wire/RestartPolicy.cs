namespace Swarm.Backends.DockerServer.Wire;

/// <summary><c>HostConfig.RestartPolicy</c>.</summary>
internal sealed record RestartPolicy
{
    public static readonly RestartPolicy Default = new();

    public string Name { get; init; } = "no";

    public int MaximumRetryCount { get; init; }
}
