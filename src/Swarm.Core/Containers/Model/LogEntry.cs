namespace Swarm.Core.Containers;

/// <summary>One chunk of a container's output.</summary>
public sealed record LogEntry(LogStream Stream, DateTimeOffset Timestamp, string Text);
