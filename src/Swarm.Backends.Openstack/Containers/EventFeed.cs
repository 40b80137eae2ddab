using System.Runtime.CompilerServices;
using Swarm.Backends.Openstack.Cloud;
using Swarm.Backends.Openstack.Compute.V2;
using Swarm.Core.Containers;

namespace Swarm.Backends.Openstack.Containers;

/// <summary>
/// Docker's events from Nova's own state: one listing to learn where each server stands (and, with Since, to replay
/// the creations since then: Nova keeps no other history), then the shared poller's changes turned into Docker
/// actions. An event's time is Nova's <c>updated</c> time of the change, so two swarmd processes watching one
/// project report the same events with the same times.
/// </summary>
internal sealed class EventFeed(OpenstackCloud cloud, ServerFinder finder, ImageResolver images, TimeProvider time)
{
    public async IAsyncEnumerable<ContainerEvent> WatchAsync(WatchOptions options, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        using var window = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        if (options.Until is { } until)
        {
            var left = until - time.GetUtcNow();
            window.CancelAfter(left > TimeSpan.Zero ? left : TimeSpan.Zero);
        }

        // Subscribed before the listing, so a change made while it runs is seen by one or the other.
        var changes = cloud.Poller.ChangesAsync(window.Token).GetAsyncEnumerator(window.Token);
        var moving = changes.MoveNextAsync();
        try
        {
            var seen = new Dictionary<string, ServerEvents.Seen>(StringComparer.Ordinal);
            foreach (var server in (await finder.ListAsync(null, cancellationToken).ConfigureAwait(false)).OrderBy(s => s.Created))
            {
                var now = ServerEvents.Observe(server, ImageOf(server));
                seen[server.Id] = now;
                if (options.Since is { } since && server.Created >= since && (options.Until is null || server.Created <= options.Until))
                {
                    foreach (var e in ServerEvents.Between(null, now, false, server.Created))
                    {
                        yield return e;
                    }
                }
            }

            while (true)
            {
                bool more;
                try
                {
                    more = await moving.ConfigureAwait(false);
                }
                catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
                {
                    yield break; // Until has come.
                }

                if (!more)
                {
                    yield break;
                }

                foreach (var server in changes.Current.OrderBy(s => s.Updated ?? s.Created))
                {
                    var known = seen.GetValueOrDefault(server.Id);
                    if (known is null && !finder.Visible(server))
                    {
                        continue;
                    }

                    var deleted = ServerStates.IsGone(server);
                    var now = ServerEvents.Observe(server, known?.Image ?? ImageOf(server));
                    foreach (var e in ServerEvents.Between(known, now, deleted, server.Updated ?? time.GetUtcNow()))
                    {
                        yield return e;
                    }

                    if (deleted)
                    {
                        seen.Remove(server.Id);
                    }
                    else
                    {
                        seen[server.Id] = now;
                    }
                }

                moving = changes.MoveNextAsync();
            }
        }
        finally
        {
            // The pending read must end before the enumerator can be disposed.
            await window.CancelAsync().ConfigureAwait(false);
            await ((Task)moving.AsTask()).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            await changes.DisposeAsync().ConfigureAwait(false);
        }
    }

    private string ImageOf(Server server) =>
        (server.Metadata is { } meta ? ServerMetadata.Image(meta) : null) ?? images.NameOf(server.ImageId) ?? server.ImageId;
}
