using System.Globalization;
using Swarm.Backends.Openstack.Compute.V2;
using Swarm.Core.Containers;

namespace Swarm.Backends.Openstack.Containers;

/// <summary>
/// Nova status and task state → Docker state (the table in docs/openstack.md). BUILD is <c>running</c>: Nova boots a
/// server at create, nothing a client does will start it, and the seed's listing right after a create shows it Up;
/// its Status text says <c>(booting)</c>.
/// </summary>
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
            "ACTIVE" or "BUILD" or "RESIZE" or "VERIFY_RESIZE" or "REVERT_RESIZE" or "MIGRATING" or "PASSWORD" or "RESCUE" => ContainerStatus.Running,
            "SHUTOFF" or "STOPPED" or "SHELVED" or "SHELVED_OFFLOADED" => ContainerStatus.Exited,
            "PAUSED" or "SUSPENDED" => ContainerStatus.Paused,
            "REBOOT" or "HARD_REBOOT" or "REBUILD" => ContainerStatus.Restarting,
            "DELETED" or "SOFT_DELETED" => ContainerStatus.Removing,
            _ => ContainerStatus.Dead,
        };
    }

    /// <summary>The full state, with Nova's fault message for ERROR.</summary>
    public static ContainerState State(Server server)
    {
        var status = Status(server);
        var started = ParseTime(server.LaunchedAt) ?? (IsBooting(server) ? server.Created : null);
        return new ContainerState
        {
            Status = status,
            ExitCode = status switch
            {
                ContainerStatus.Dead => 1,
                ContainerStatus.Exited => ServerMetadata.Exit(server.Metadata) ?? 0,
                _ => 0,
            },
            Error = status == ContainerStatus.Dead
                ? server.Fault?.Message ?? $"Nova status {server.Status}"
                : "",
            StartedAt = started,
            FinishedAt = status is ContainerStatus.Exited or ContainerStatus.Dead ? server.Updated : null,
            Detail = IsBooting(server) ? "booting" : null,
        };
    }

    /// <summary>True while Nova is still building the server (status BUILD).</summary>
    public static bool IsBooting(Server server) => string.Equals(server.Status, "BUILD", StringComparison.OrdinalIgnoreCase);

    /// <summary>True when no task is under way and the server is not building or rebooting: an action can be taken.</summary>
    public static bool Settled(Server server) =>
        string.IsNullOrEmpty(server.TaskState) && !IsBooting(server) && Status(server) != ContainerStatus.Restarting;

    /// <summary>True for Docker's running, paused and restarting (what <c>docker stop</c> acts on).</summary>
    public static bool IsLive(Server server) => Status(server) is ContainerStatus.Running or ContainerStatus.Paused or ContainerStatus.Restarting;

    /// <summary>True for a server that is deleted or being deleted.</summary>
    public static bool IsGone(Server server) =>
        string.Equals(server.Status, "DELETED", StringComparison.OrdinalIgnoreCase)
        || string.Equals(server.Status, "SOFT_DELETED", StringComparison.OrdinalIgnoreCase);

    /// <summary>True for a server on its way out (task deleting, or deleted): it no longer holds its name.</summary>
    public static bool IsLeaving(Server server) =>
        IsGone(server) || string.Equals(server.TaskState, "deleting", StringComparison.OrdinalIgnoreCase);

    // Nova writes launched_at without a zone ("2024-01-01T00:00:00.000000"): it is UTC.
    private static DateTimeOffset? ParseTime(string? text) =>
        DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var t) ? t : null;
}
