namespace Swarm.Core.Containers;

/// <summary>A container's state, with Docker's names (<c>State.Status</c>).</summary>
public enum ContainerStatus
{
    /// <summary>Made but never started (Nova: BUILD).</summary>
    Created,

    /// <summary>Running (Nova: ACTIVE).</summary>
    Running,

    /// <summary>Frozen (Nova: PAUSED, SUSPENDED).</summary>
    Paused,

    /// <summary>Restarting (Nova: REBOOT, HARD_REBOOT).</summary>
    Restarting,

    /// <summary>Being removed (Nova: task state deleting).</summary>
    Removing,

    /// <summary>Stopped (Nova: SHUTOFF).</summary>
    Exited,

    /// <summary>Failed beyond repair (Nova: ERROR, with the fault in <see cref="ContainerState.Error"/>).</summary>
    Dead,
}
