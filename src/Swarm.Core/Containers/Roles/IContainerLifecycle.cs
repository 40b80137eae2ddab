namespace Swarm.Core.Containers;

/// <summary>The lifecycle role: start, stop, restart, kill, pause, unpause, rename and wait.</summary>
public interface IContainerLifecycle
{
    /// <summary>Starts a container once it runs (verb Start); false when it was running already.</summary>
    Task<bool> StartAsync(ContainerHandle container, CancellationToken cancellationToken);

    /// <summary>Stops a container once it has stopped (verb Stop); false when it was stopped already.</summary>
    Task<bool> StopAsync(ContainerHandle container, TimeSpan? timeout, CancellationToken cancellationToken);

    /// <summary>Stops then starts a container (verb Restart).</summary>
    Task RestartAsync(ContainerHandle container, TimeSpan? timeout, CancellationToken cancellationToken);

    /// <summary>Delivers a signal (verb Kill); a conflict when the container is not running.</summary>
    Task KillAsync(ContainerHandle container, string signal, CancellationToken cancellationToken);

    /// <summary>Freezes a running container (verb Pause).</summary>
    Task PauseAsync(ContainerHandle container, CancellationToken cancellationToken);

    /// <summary>Thaws a paused container (verb Unpause).</summary>
    Task UnpauseAsync(ContainerHandle container, CancellationToken cancellationToken);

    /// <summary>Renames a container (verb Rename); a conflict when the name is in use.</summary>
    Task RenameAsync(ContainerHandle container, string newName, CancellationToken cancellationToken);

    /// <summary>Waits for a condition and returns the exit code (verb Wait).</summary>
    Task<WaitResult> WaitAsync(ContainerHandle container, WaitCondition condition, CancellationToken cancellationToken);
}
