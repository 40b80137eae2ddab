using Swarm.Backends.Openstack.Compute.V2;
using Swarm.Core.Containers;

namespace Swarm.Backends.Openstack.Containers;

/// <summary>Docker-like events from two observations of a server (what Watch emits).</summary>
internal static class ServerEvents
{
    /// <summary>What Watch remembers of a server.</summary>
    public sealed record Seen(string Id, string Name, string Image, ContainerStatus Status, int ExitCode = 0);

    public static Seen Observe(Server server, string image) =>
        new(server.Id, server.Name, image, ServerStates.Status(server), ServerStates.State(server).ExitCode);

    /// <summary>The events between <paramref name="before"/> (null: never seen) and <paramref name="now"/>.</summary>
    public static IEnumerable<ContainerEvent> Between(Seen? before, Seen now, bool deleted, DateTimeOffset time)
    {
        ContainerEvent Event(string action, params (string Key, string Value)[] attributes) => new()
        {
            Action = action,
            Id = now.Id,
            Name = now.Name,
            Image = now.Image,
            Time = time,
            Attributes = attributes.ToDictionary(a => a.Key, a => a.Value, StringComparer.Ordinal),
        };

        var wasLive = before?.Status is ContainerStatus.Running or ContainerStatus.Paused or ContainerStatus.Restarting;
        if (before is null)
        {
            if (deleted)
            {
                yield break;
            }

            yield return Event("create");
            if (now.Status == ContainerStatus.Running)
            {
                yield return Event("start");
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
