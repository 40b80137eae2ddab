namespace Swarm.Core.Containers;

/// <summary>What a Wait request waits for (Docker's <c>condition</c>).</summary>
public enum WaitCondition
{
    /// <summary>The container is not running (answers at once if it already is not).</summary>
    NotRunning,

    /// <summary>The container's next exit from now.</summary>
    NextExit,

    /// <summary>The container has been removed.</summary>
    Removed,
}
