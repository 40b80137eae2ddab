namespace Swarm.Core.Containers;

/// <summary>The logs role: a container's output so far, and followed while it runs.</summary>
public interface IContainerLogs
{
    /// <summary>Streams a container's logs (verb Logs); with <see cref="LogOptions.Follow"/> until it stops.</summary>
    IAsyncEnumerable<LogEntry> LogsAsync(ContainerHandle container, LogOptions options, CancellationToken cancellationToken);
}
