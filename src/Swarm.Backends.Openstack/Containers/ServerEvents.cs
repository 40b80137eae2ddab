using Swarm.Backends.Openstack.Compute.V2;
using Swarm.Core.Containers;

namespace Swarm.Backends.Openstack.Containers;

/// <summary>
/// Docker-like events from two observations of a server (what Watch emits). Times come from Nova, not from when
/// swarmd looked: a create, and the start of a server first seen running, are stamped with the server's creation, any
/// other change with the server's <c>updated</c> time. Two processes that see the same changes at
/// different moments therefore report the same events with the same times.
/// </summary>
internal static class ServerEvents
{
    /// <summary>What Watch remembers of a server.</summary>
    public sealed record Seen(string Id, string Name, string Image, ContainerStatus Status, int ExitCode = 0)
    {
        /// <summary>When Nova created the server.</summary>
        public DateTimeOffset Created { get; init; }
    }

    public static Seen Observe(Server server, string image) =>
        new(server.Id, server.Name, image, ServerStates.Status(server), ServerStates.State(server).ExitCode)
        {
            Created = server.Created,
        };

    /// <summary>The events between <paramref name="before"/> (null: never seen) and <paramref name="now"/>.</summary>
    public static IEnumerable<ContainerEvent> Between(Seen? before, Seen now, bool deleted, DateTimeOffset time)
    {
        ContainerEvent Event(string action, params (string Key, string Value)[] attributes) => At(action, time, attributes);

        ContainerEvent At(string action, DateTimeOffset when, params (string Key, string Value)[] attributes) => new()
        {
            Action = action,
            Id = now.Id,
            Name = now.Name,
            Image = now.Image,
            Time = when,
            Attributes = attributes.ToDictionary(a => a.Key, a => a.Value, StringComparer.Ordinal),
        };

        var wasLive = before?.Status is ContainerStatus.Running or ContainerStatus.Paused or ContainerStatus.Restarting;
        if (before is null)
        {
            if (deleted)
            {
                yield break;
            }

            var created = now.Created == default ? time : now.Created;
            yield return At("create", created);
            if (now.Status == ContainerStatus.Running)
            {
                // A server first seen running, whether still building or booted: started at its creation, the one
                // time every observer agrees on (Nova boots at create).
                yield return At("start", created);
            }

            yield break;
        }

        if (!string.Equals(before.Name, now.Name, StringComparison.Ordinal))
        {
            yield return Event("rename", ("oldName", "/" + before.Name));
        }

        if (deleted)
        {
            if (wasLive)
            {
                yield return Event("die", ("exitCode", now.ExitCode.ToString(System.Globalization.CultureInfo.InvariantCulture)));
            }

            yield return Event("destroy");
            yield break;
        }

        if (before.Status == now.Status)
        {
            yield break;
        }

        switch (before.Status, now.Status)
        {
            case (ContainerStatus.Running or ContainerStatus.Paused or ContainerStatus.Restarting, ContainerStatus.Exited) when now.ExitCode > 128:
                // A kill, as Docker reports one: the signal, then the death with 128 + signal.
                yield return Event("kill", ("signal", (now.ExitCode - 128).ToString(System.Globalization.CultureInfo.InvariantCulture)));
                yield return Event("die", ("exitCode", now.ExitCode.ToString(System.Globalization.CultureInfo.InvariantCulture)));
                break;
            case (ContainerStatus.Running or ContainerStatus.Paused or ContainerStatus.Restarting, ContainerStatus.Exited):
                yield return Event("die", ("exitCode", now.ExitCode.ToString(System.Globalization.CultureInfo.InvariantCulture)));
                yield return Event("stop");
                break;
            case (_, ContainerStatus.Dead):
                yield return Event("die", ("exitCode", "1"));
                break;
            case (ContainerStatus.Running, ContainerStatus.Paused):
                yield return Event("pause");
                break;
            case (ContainerStatus.Paused, ContainerStatus.Running):
                yield return Event("unpause");
                break;
            case (ContainerStatus.Restarting, ContainerStatus.Running):
                yield return Event("restart");
                break;
            case (_, ContainerStatus.Running):
                yield return Event("start");
                break;
            default:
                break;
        }
    }
}
