namespace Swarm.Core.Containers;

/// <summary>The attach role: a container's live output and input (Docker's attach).</summary>
public interface IContainerAttach
{
    /// <summary>
    /// Streams the container's output live (verb Connect), writing <paramref name="stdin"/> to it when given.
    /// Attached before a start, it streams the run that follows; attached to a running container, the rest of the run.
    /// </summary>
    IAsyncEnumerable<LogEntry> ConnectAsync(ContainerHandle container, Stream? stdin, CancellationToken cancellationToken);
}
