namespace Swarm.Core.Containers;

/// <summary>The answer to Wait: the exit code and, if the wait itself failed, why.</summary>
public sealed record WaitResult(int StatusCode, string? Error = null);
