using Swarm.Backends.Openstack.Compute.V2;
using Swarm.Core.Containers;

namespace Swarm.Backends.Openstack.Containers;

/// <summary>
/// A container handle of the openstack backend: the record, and the Nova server as last seen through this handle,
/// with when. The request that resolved the handle acts on that state without asking Nova again; a handle held
/// longer than <see cref="FreshFor"/>, or one a verb has changed, is fetched afresh before the next decision.
/// </summary>
internal sealed class NovaContainer(ContainerRecord record, Server server, DateTimeOffset seenAt) : ContainerHandle(record)
{
    /// <summary>How long what a handle saw is trusted for a decision.</summary>
    public static readonly TimeSpan FreshFor = TimeSpan.FromSeconds(2);

    private volatile Sighting _latest = new(server, seenAt, Changed: false);

    /// <summary>The server as last seen.</summary>
    public Server Server => _latest.Server;

    /// <summary>Whether what was last seen can still decide a verb at <paramref name="now"/>.</summary>
    public bool IsFresh(DateTimeOffset now) => !_latest.Changed && now - _latest.At < FreshFor;

    /// <summary>Records the server as seen at <paramref name="at"/>.</summary>
    public void Saw(Server current, DateTimeOffset at) => _latest = new(current, at, Changed: false);

    /// <summary>Records that a verb changed the server: the next decision fetches it.</summary>
    public void Changed() => _latest = _latest with { Changed = true };

    private sealed record Sighting(Server Server, DateTimeOffset At, bool Changed);
}
