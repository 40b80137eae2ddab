namespace Swarm.Core.Containers;

/// <summary>
/// The typed view of a container backend. Implement this and serve it with <see cref="ContainerHostRouter"/>
/// to get every container verb of Beam with its contract (see <c>docs/beam-protocol.md</c>). Throw
/// <see cref="Beam.BeamException"/> with the right kind; lifecycle calls return once the target state is reached.
/// </summary>
public interface IContainerHost
{
    /// <summary>The backend's name, used in messages.</summary>
    string Name { get; }

    /// <summary>Every container this host manages, in any state.</summary>
    Task<IReadOnlyList<ContainerRecord>> ListAsync(CancellationToken cancellationToken);

    /// <summary>Creates a container (not started). A name in use is a conflict; an unknown image is not found.</summary>
    Task<ContainerRecord> CreateAsync(ContainerSpec spec, CancellationToken cancellationToken);

    /// <summary>Resolves a name, full id or unique id prefix to an id. Not found, or invalid when ambiguous.</summary>
    Task<string> ResolveAsync(string reference, CancellationToken cancellationToken);

    /// <summary>Describes one container.</summary>
    Task<ContainerRecord> GetAsync(string id, CancellationToken cancellationToken);

    /// <summary>Starts a container once it runs; false when it was running already.</summary>
    Task<bool> StartAsync(string id, CancellationToken cancellationToken);

    /// <summary>Stops a container once it has stopped; false when it was stopped already.</summary>
    Task<bool> StopAsync(string id, TimeSpan? timeout, CancellationToken cancellationToken);

    /// <summary>Stops then starts a container.</summary>
    Task RestartAsync(string id, TimeSpan? timeout, CancellationToken cancellationToken);

    /// <summary>Delivers a signal; a conflict when the container is not running.</summary>
    Task KillAsync(string id, string signal, CancellationToken cancellationToken);

    /// <summary>Freezes a running container.</summary>
    Task PauseAsync(string id, CancellationToken cancellationToken);

    /// <summary>Thaws a paused container.</summary>
    Task UnpauseAsync(string id, CancellationToken cancellationToken);

    /// <summary>Renames a container; a conflict when the name is in use.</summary>
    Task RenameAsync(string id, string newName, CancellationToken cancellationToken);

    /// <summary>Removes a container once it is gone; a running one needs <paramref name="force"/>.</summary>
    Task DeleteAsync(string id, bool force, CancellationToken cancellationToken);

    /// <summary>Streams a container's logs.</summary>
    IAsyncEnumerable<LogEntry> LogsAsync(string id, LogOptions options, CancellationToken cancellationToken);

    /// <summary>Waits for a condition and returns the exit code.</summary>
    Task<WaitResult> WaitAsync(string id, WaitCondition condition, CancellationToken cancellationToken);

    /// <summary>Streams the container's output live, writing <paramref name="stdin"/> to it when given.</summary>
    IAsyncEnumerable<LogEntry> ConnectAsync(string id, Stream? stdin, CancellationToken cancellationToken);

    /// <summary>Streams events from <see cref="WatchOptions.Since"/> until <see cref="WatchOptions.Until"/> or cancellation.</summary>
    IAsyncEnumerable<ContainerEvent> WatchAsync(WatchOptions options, CancellationToken cancellationToken);

    /// <summary>The images containers can be created from.</summary>
    Task<IReadOnlyList<ImageRecord>> ListImagesAsync(CancellationToken cancellationToken);

    /// <summary>Resolves an image reference (<c>cirros</c>, <c>cirros:latest</c>, an id); not found otherwise.</summary>
    Task<ImageRecord> GetImageAsync(string reference, CancellationToken cancellationToken);

    /// <summary>Describes the host.</summary>
    Task<HostInfo> GetInfoAsync(CancellationToken cancellationToken);
}
