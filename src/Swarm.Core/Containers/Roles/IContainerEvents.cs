namespace Swarm.Core.Containers;

/// <summary>The events role: what happens to containers, as Docker's events.</summary>
public interface IContainerEvents
{
    /// <summary>Streams events (verb Watch) from <see cref="WatchOptions.Since"/> until <see cref="WatchOptions.Until"/> or cancellation.</summary>
    IAsyncEnumerable<ContainerEvent> WatchAsync(WatchOptions options, CancellationToken cancellationToken);
}
