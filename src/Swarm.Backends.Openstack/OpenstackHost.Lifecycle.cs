using System.Globalization;
using Swarm.Backends.Openstack.Compute.V2;
using Swarm.Backends.Openstack.Host;
using Swarm.Core.Beam;
using Swarm.Core.Containers;

namespace Swarm.Backends.Openstack;

/// <summary>
/// Start, stop, restart, kill, pause, unpause, delete: one Nova action each, then polling until the server
/// reaches the target state with no task under way, bounded by <c>--boot-timeout</c>.
/// </summary>
public sealed partial class OpenstackHost
{
    private static readonly HashSet<string> StoppingSignals = new(StringComparer.OrdinalIgnoreCase)
    {
        "KILL", "SIGKILL", "9", "TERM", "SIGTERM", "15", "INT", "SIGINT", "2", "QUIT", "SIGQUIT", "3",
    };

    /// <inheritdoc />
    public async Task<bool> StartAsync(string id, CancellationToken cancellationToken)
    {
        var server = await SettledAsync(id, cancellationToken).ConfigureAwait(false);
        switch (ServerStates.Status(server))
        {
            case ContainerStatus.Running:
                return false;
            case ContainerStatus.Paused:
                throw BeamException.Conflict($"cannot start a paused container, try unpause instead ({Describe(server)})");
            case ContainerStatus.Dead:
                throw BeamException.Conflict($"cannot start container {Describe(server)}: Nova shows ERROR: {ServerStates.State(server).Error}");
            case ContainerStatus.Removing:
                throw BeamException.Conflict($"cannot start container {Describe(server)}: it is being removed");
            default:
                await ActAsync(server, "os-start", "null", cancellationToken).ConfigureAwait(false);
                await WaitForAsync(server, "ACTIVE", cancellationToken).ConfigureAwait(false);
                return true;
        }
    }

    /// <inheritdoc />
    /// <remarks>Nova's os-stop shuts the guest down with the cloud's own grace period; <paramref name="timeout"/> is not forwarded.</remarks>
    public async Task<bool> StopAsync(string id, TimeSpan? timeout, CancellationToken cancellationToken)
    {
        var server = await SettledAsync(id, cancellationToken).ConfigureAwait(false);
        if (!IsLive(server))
        {
            return false;
        }

        await StopLiveAsync(server, cancellationToken).ConfigureAwait(false);
        return true;
    }

    /// <inheritdoc />
    /// <remarks>A running server is soft-rebooted, a paused one hard-rebooted, a stopped one started.</remarks>
    public async Task RestartAsync(string id, TimeSpan? timeout, CancellationToken cancellationToken)
    {
        var server = await SettledAsync(id, cancellationToken).ConfigureAwait(false);
        switch (ServerStates.Status(server))
        {
            case ContainerStatus.Running:
                await ActAsync(server, "reboot", "{\"type\": \"SOFT\"}", cancellationToken).ConfigureAwait(false);
                break;
            case ContainerStatus.Paused or ContainerStatus.Dead:
                await ActAsync(server, "reboot", "{\"type\": \"HARD\"}", cancellationToken).ConfigureAwait(false);
                break;
            case ContainerStatus.Removing:
                throw BeamException.Conflict($"cannot restart container {Describe(server)}: it is being removed");
            default:
                await ActAsync(server, "os-start", "null", cancellationToken).ConfigureAwait(false);
                break;
        }

        await WaitForAsync(server, "ACTIVE", cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    /// <remarks>
    /// Nova cannot deliver a signal to a process in a server. SIGKILL, SIGTERM, SIGINT and SIGQUIT stop the
    /// server at once (os-stop); any other signal is refused as not implemented.
    /// </remarks>
    public async Task KillAsync(string id, string signal, CancellationToken cancellationToken)
    {
        var server = await SettledAsync(id, cancellationToken).ConfigureAwait(false);
        if (!StoppingSignals.Contains(signal.Trim()))
        {
            throw BeamException.NotImplemented(
                $"openstack cannot send {signal} to {Describe(server)}: Nova has no signals; only SIGKILL, SIGTERM, SIGINT and SIGQUIT are supported, and they stop the server");
        }

        if (!IsLive(server))
        {
            throw BeamException.Conflict($"cannot kill container: {id}: container {id} is not running");
        }

        await StopLiveAsync(server, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task PauseAsync(string id, CancellationToken cancellationToken)
    {
        var server = await SettledAsync(id, cancellationToken).ConfigureAwait(false);
        switch (ServerStates.Status(server))
        {
            case ContainerStatus.Paused:
                throw BeamException.Conflict($"Container {id} is already paused");
            case ContainerStatus.Running:
                await ActAsync(server, "pause", "null", cancellationToken).ConfigureAwait(false);
                await WaitForAsync(server, "PAUSED", cancellationToken).ConfigureAwait(false);
                break;
            default:
                throw BeamException.Conflict($"Container {id} is not running");
        }
    }

    /// <inheritdoc />
    public async Task UnpauseAsync(string id, CancellationToken cancellationToken)
    {
        var server = await SettledAsync(id, cancellationToken).ConfigureAwait(false);
        if (ServerStates.Status(server) != ContainerStatus.Paused)
        {
            throw BeamException.Conflict($"Container {id} is not paused");
        }

        var suspended = string.Equals(server.Status, "SUSPENDED", StringComparison.OrdinalIgnoreCase);
        await ActAsync(server, suspended ? "resume" : "unpause", "null", cancellationToken).ConfigureAwait(false);
        await WaitForAsync(server, "ACTIVE", cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task DeleteAsync(string id, bool force, CancellationToken cancellationToken)
    {
        var server = await FindServerAsync(id, cancellationToken).ConfigureAwait(false);
        if (IsLive(server) && !force)
        {
            throw BeamException.Conflict(ServerStates.Status(server) == ContainerStatus.Paused
                ? $"You cannot remove a paused container {id}. Unpause and then stop the container before attempting removal or force remove"
                : $"You cannot remove a running container {id}. Stop the container before attempting removal or force remove");
        }

        var compute = await _cloud.ComputeAsync(cancellationToken).ConfigureAwait(false);
        var response = await compute.DeleteAsync(server.Id, cancellationToken).ConfigureAwait(false);
        if (response.Status != 404)
        {
            response.EnsureSuccess($"delete server {server.Name} ({server.Id})");
        }

        Log.ServerAction(_logger, server.Id, "delete");
        await WaitUntilAsync(server, s => s is null || IsGone(s), "deleted", failOnError: false, cancellationToken).ConfigureAwait(false);

        // The listing can show the server (task "deleting") a moment after GET says 404: wait for it too,
        // so that the name is free once Delete returns.
        var deadline = _time.GetUtcNow() + _options.BootTimeout;
        while ((await VisibleServersAsync(new Dictionary<string, string> { ["name"] = $"^{server.Name}$" }, cancellationToken).ConfigureAwait(false))
            .Any(s => s.Id == server.Id) && _time.GetUtcNow() < deadline)
        {
            await Task.Delay(_options.PollInterval, _time, cancellationToken).ConfigureAwait(false);
        }
    }

    private static bool IsLive(Server server) =>
        ServerStates.Status(server) is ContainerStatus.Running or ContainerStatus.Paused or ContainerStatus.Restarting;

    private static string Describe(Server server) => $"{server.Name} ({server.Id})";

    private async Task StopLiveAsync(Server server, CancellationToken cancellationToken)
    {
        // Nova refuses os-stop on a paused server: thaw it first, as docker stop does.
        if (string.Equals(server.Status, "PAUSED", StringComparison.OrdinalIgnoreCase))
        {
            await ActAsync(server, "unpause", "null", cancellationToken).ConfigureAwait(false);
            await WaitForAsync(server, "ACTIVE", cancellationToken).ConfigureAwait(false);
        }

        await ActAsync(server, "os-stop", "null", cancellationToken).ConfigureAwait(false);
        await WaitForAsync(server, "SHUTOFF", cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The server once no task (build, reboot, power change) is under way.</summary>
    private async Task<Server> SettledAsync(string id, CancellationToken cancellationToken)
    {
        var server = await FindServerAsync(id, cancellationToken).ConfigureAwait(false);
        if (ServerStates.Settled(server) && ServerStates.Status(server) is not (ContainerStatus.Created or ContainerStatus.Restarting))
        {
            return server;
        }

        return await WaitUntilAsync(server, s => s is null || (ServerStates.Settled(s) && ServerStates.Status(s) is not (ContainerStatus.Created or ContainerStatus.Restarting)),
            "settled", failOnError: false, cancellationToken).ConfigureAwait(false)
            ?? throw BeamException.NotFound($"No such container: {id}");
    }

    private async Task ActAsync(Server server, string action, string argument, CancellationToken cancellationToken)
    {
        var compute = await _cloud.ComputeAsync(cancellationToken).ConfigureAwait(false);
        var response = await compute.ActionAsync(server.Id, action, argument, cancellationToken).ConfigureAwait(false);
        if (response.Status == 404)
        {
            throw BeamException.NotFound($"No such container: {server.Id}");
        }

        response.EnsureSuccess($"{action} server {Describe(server)}");
        Log.ServerAction(_logger, server.Id, action);
    }

    private Task<Server?> WaitForAsync(Server server, string status, CancellationToken cancellationToken) =>
        WaitUntilAsync(server, s => s is not null && ServerStates.Settled(s) && string.Equals(s.Status, status, StringComparison.OrdinalIgnoreCase),
            status, failOnError: true, cancellationToken);

    private async Task<Server?> WaitUntilAsync(Server server, Func<Server?, bool> done, string target, bool failOnError, CancellationToken cancellationToken)
    {
        var compute = await _cloud.ComputeAsync(cancellationToken).ConfigureAwait(false);
        var deadline = _time.GetUtcNow() + _options.BootTimeout;
        while (true)
        {
            var current = await compute.GetServerAsync(server.Id, cancellationToken).ConfigureAwait(false);
            if (done(current))
            {
                return current;
            }

            if (current is null)
            {
                throw BeamException.NotFound($"No such container: {server.Id} (it disappeared while waiting for {target})");
            }

            if (failOnError && ServerStates.Settled(current) && string.Equals(current.Status, "ERROR", StringComparison.OrdinalIgnoreCase))
            {
                throw new BeamException(BeamErrorKind.Internal,
                    $"openstack: server {Describe(server)} went to ERROR instead of {target}: {ServerStates.State(current).Error}");
            }

            if (_time.GetUtcNow() >= deadline)
            {
                throw BeamException.Unavailable(
                    $"openstack: server {Describe(server)} did not become {target} within {_options.BootTimeout.TotalSeconds.ToString("0", CultureInfo.InvariantCulture)} s (Nova shows {current.Status}, task {current.TaskState ?? "none"})");
            }

            await Task.Delay(_options.PollInterval, _time, cancellationToken).ConfigureAwait(false);
        }
    }
}
