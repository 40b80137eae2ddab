using System.Globalization;
using Swarm.Backends.Openstack.Compute.V2;
using Swarm.Core.Containers;

namespace Swarm.Backends.Openstack.Host;

/// <summary>Nova status and task state → Docker state (the table in docs/openstack.md).</summary>
internal static class ServerStates
{
    /// <summary>The Docker status of a server.</summary>
    public static ContainerStatus Status(Server server)
    {
        if (string.Equals(server.TaskState, "deleting", StringComparison.OrdinalIgnoreCase))
        {
            return ContainerStatus.Removing;
        }

        return server.Status.ToUpperInvariant() switch
        {
            "ACTIVE" or "RESIZE" or "VERIFY_RESIZE" or "REVERT_RESIZE" or "MIGRATING" or "PASSWORD" or "RESCUE" => ContainerStatus.Running,
            "SHUTOFF" or "STOPPED" or "SHELVED" or "SHELVED_OFFLOADED" => ContainerStatus.Exited,
            "PAUSED" or "SUSPENDED" => ContainerStatus.Paused,
            "BUILD" => ContainerStatus.Created,
            "REBOOT" or "HARD_REBOOT" or "REBUILD" => ContainerStatus.Restarting,
            "DELETED" or "SOFT_DELETED" => ContainerStatus.Removing,
            _ => ContainerStatus.Dead,
        };
    }

    /// <summary>The full state, with Nova's fault message for ERROR.</summary>
    public static ContainerState State(Server server)
    {
        var status = Status(server);
        var started = ParseTime(server.LaunchedAt);
        return new ContainerState
        {
            Status = status,
            ExitCode = status == ContainerStatus.Dead ? 1 : 0,
            Error = status == ContainerStatus.Dead
                ? server.Fault?.Message ?? $"Nova status {server.Status}"
                : "",
            StartedAt = started,
            FinishedAt = status is ContainerStatus.Exited or ContainerStatus.Dead ? server.Updated : null,
        };
    }

    /// <summary>True when no task is under way (the state is settled).</summary>
    public static bool Settled(Server server) => string.IsNullOrEmpty(server.TaskState);

    // Nova writes launched_at without a zone ("2024-01-01T00:00:00.000000"): it is UTC.
    private static DateTimeOffset? ParseTime(string? text) =>
        DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var t) ? t : null;
}
