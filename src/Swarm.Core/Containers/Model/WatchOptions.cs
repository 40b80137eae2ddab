namespace Swarm.Core.Containers;

/// <summary>Which events to stream: replayed from <see cref="Since"/>, live until <see cref="Until"/>.</summary>
public sealed record WatchOptions(DateTimeOffset? Since = null, DateTimeOffset? Until = null);
