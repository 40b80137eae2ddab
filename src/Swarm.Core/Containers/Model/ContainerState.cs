namespace Swarm.Core.Containers;

/// <summary>Where a container is in its life.</summary>
public sealed record ContainerState
{
    /// <summary>The state.</summary>
    public ContainerStatus Status { get; init; }

    /// <summary>Exit code of the last run (0 while running or never run).</summary>
    public int ExitCode { get; init; }

    /// <summary>Why the container failed, when it did (for example Nova's fault message).</summary>
    public string Error { get; init; } = "";

    /// <summary>When it last started.</summary>
    public DateTimeOffset? StartedAt { get; init; }

    /// <summary>When it last stopped.</summary>
    public DateTimeOffset? FinishedAt { get; init; }

    /// <summary>
    /// A word the backend adds to Docker's Status text, in brackets (<c>Up 3 seconds (booting)</c>), or null.
    /// </summary>
    public string? Detail { get; init; }

    /// <summary>A process id where the backend has one; 0 otherwise.</summary>
    public int Pid { get; init; }

    /// <summary>True when the state is running or paused (Docker's <c>State.Running</c>).</summary>
    public bool Running => Status is ContainerStatus.Running or ContainerStatus.Paused or ContainerStatus.Restarting;
}
