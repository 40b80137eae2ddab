using System.Globalization;
using Microsoft.Extensions.Logging;
using Swarm.Backends.Openstack.Cloud;
using Swarm.Backends.Openstack.Compute.V2;
using Swarm.Core.Beam;
using Swarm.Core.Containers;

namespace Swarm.Backends.Openstack.Containers;

/// <summary>
/// Start, stop, restart, kill, pause, unpause, delete and wait: at most one Nova action each, then the shared
/// poller until the server reaches the target state with no task under way, bounded by <c>--boot-timeout</c>.
/// Decisions use the state the handle carries when it is fresh (the request that resolved it), else a GET; an
/// action Nova refuses with 409 because that state went stale is decided again on a fresh GET, once. Every verb
/// that acts marks the handle changed, so a handle kept for later calls never decides on what it saw before.
/// </summary>
internal sealed class ServerLifecycle(OpenstackCloud cloud, OpenstackOptions options, ServerFinder finder, TimeProvider time, ILogger logger)
{
    // The signals a kill can honour (by stopping the server) and their numbers, for Docker's exit code 128 + n.
    private static readonly Dictionary<string, int> StoppingSignals = new(StringComparer.OrdinalIgnoreCase)
    {
        ["KILL"] = 9, ["SIGKILL"] = 9, ["9"] = 9, ["TERM"] = 15, ["SIGTERM"] = 15, ["15"] = 15,
        ["INT"] = 2, ["SIGINT"] = 2, ["2"] = 2, ["QUIT"] = 3, ["SIGQUIT"] = 3, ["3"] = 3,
    };

    public async Task<bool> StartAsync(NovaContainer container, CancellationToken cancellationToken)
    {
        finder.Forget(container.Id);
        var server = await CurrentAsync(container, cancellationToken).ConfigureAwait(false);
        container.Changed();
        if (ServerMetadata.IsUnstarted(server.Metadata))
        {
            // The first start after a create. Nova booted the server already: this start waits for the boot (Nova
            // keeps a building server's metadata out of reach), takes the create's marker away, and starts the
            // server only if someone stopped it meanwhile. It answers 204, as Docker's first start does.
            server = await SettledAsync(server, cancellationToken).ConfigureAwait(false);
            if (ServerMetadata.IsUnstarted(server.Metadata) && await ClaimFirstStartAsync(server, cancellationToken).ConfigureAwait(false))
            {
                switch (ServerStates.Status(server))
                {
                    case ContainerStatus.Exited:
                        await RetryOnStaleAsync(server, _ => ServerAction.OsStart, ServerAction.OsStart, cancellationToken).ConfigureAwait(false);
                        await WaitForAsync(server, "ACTIVE", cancellationToken).ConfigureAwait(false);
                        break;
                    case ContainerStatus.Dead:
                        throw BeamException.Conflict($"cannot start container {Describe(server)}: Nova shows ERROR: {ServerStates.State(server).Error}");
                    default:
                        break;
                }

                return true;
            }
        }

        return await StartSettledAsync(await SettledAsync(server, cancellationToken).ConfigureAwait(false), retryOnStale: true, cancellationToken).ConfigureAwait(false);
    }

    private async Task<bool> StartSettledAsync(Server server, bool retryOnStale, CancellationToken cancellationToken)
    {
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
                if (await ActOrStaleAsync(server, ServerAction.OsStart, cancellationToken).ConfigureAwait(false))
                {
                    await WaitForAsync(server, "ACTIVE", cancellationToken).ConfigureAwait(false);
                    await ForgetExitAsync(server, cancellationToken).ConfigureAwait(false);
                    return true;
                }

                if (!retryOnStale)
                {
                    throw BeamException.Conflict($"cannot os-start server {Describe(server)}: Nova refused it in its current state");
                }

                // Nova says the state changed under us (another client): decide again on what it shows now.
                var fresh = await finder.GetServerAsync(server.Id, cancellationToken).ConfigureAwait(false);
                return await StartSettledAsync(await SettledAsync(fresh, cancellationToken).ConfigureAwait(false), retryOnStale: false, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <remarks>Nova's os-stop shuts the guest down with the cloud's own grace period; a timeout is not forwarded.</remarks>
    public async Task<bool> StopAsync(NovaContainer container, CancellationToken cancellationToken)
    {
        var server = await SettledAsync(await CurrentAsync(container, cancellationToken).ConfigureAwait(false), cancellationToken).ConfigureAwait(false);
        if (!ServerStates.IsLive(server))
        {
            return false;
        }

        container.Changed();
        await StopLiveAsync(server, cancellationToken).ConfigureAwait(false);
        return true;
    }

    /// <remarks>A running server is soft-rebooted, a paused or failed one hard-rebooted, a stopped one started.</remarks>
    public async Task RestartAsync(NovaContainer container, CancellationToken cancellationToken)
    {
        var server = await SettledAsync(await CurrentAsync(container, cancellationToken).ConfigureAwait(false), cancellationToken).ConfigureAwait(false);
        container.Changed();
        var action = ServerStates.Status(server) switch
        {
            ContainerStatus.Running => ServerAction.SoftReboot,
            ContainerStatus.Paused or ContainerStatus.Dead => ServerAction.HardReboot,
            ContainerStatus.Removing => throw BeamException.Conflict($"cannot restart container {Describe(server)}: it is being removed"),
            _ => ServerAction.OsStart,
        };
        await RetryOnStaleAsync(server, s => ServerStates.Status(s) switch
        {
            ContainerStatus.Running => ServerAction.SoftReboot,
            ContainerStatus.Paused or ContainerStatus.Dead => ServerAction.HardReboot,
            _ => ServerAction.OsStart,
        }, action, cancellationToken).ConfigureAwait(false);
        await WaitForAsync(server, "ACTIVE", cancellationToken).ConfigureAwait(false);
        await ForgetExitAsync(server, cancellationToken).ConfigureAwait(false);
    }

    /// <remarks>
    /// Nova cannot deliver a signal to a process in a server. SIGKILL, SIGTERM, SIGINT and SIGQUIT stop the server at
    /// once (os-stop); any other signal is refused as not implemented.
    /// </remarks>
    public async Task KillAsync(NovaContainer container, string signal, CancellationToken cancellationToken)
    {
        if (!StoppingSignals.TryGetValue(signal.Trim(), out var number))
        {
            throw BeamException.NotImplemented(
                $"openstack cannot send {signal} to {Describe(container.Server)}: Nova has no signals; only SIGKILL, SIGTERM, SIGINT and SIGQUIT are supported, and they stop the server");
        }

        var server = await SettledAsync(await CurrentAsync(container, cancellationToken).ConfigureAwait(false), cancellationToken).ConfigureAwait(false);
        if (!ServerStates.IsLive(server))
        {
            throw BeamException.Conflict($"cannot kill container: {container.Id}: container {container.Id} is not running");
        }

        container.Changed();

        // Docker shows a killed container as Exited (128 + signal); Nova knows no exit codes, so it is kept in metadata.
        var compute = await cloud.ComputeAsync(cancellationToken).ConfigureAwait(false);
        (await compute.Servers.SetMetadataAsync(server.Id, ServerMetadata.ExitCode, (128 + number).ToString(CultureInfo.InvariantCulture), cancellationToken).ConfigureAwait(false))
            .EnsureSuccess($"record the exit code of server {Describe(server)}");
        await StopLiveAsync(server, cancellationToken).ConfigureAwait(false);
    }

    public async Task PauseAsync(NovaContainer container, CancellationToken cancellationToken)
    {
        var server = await SettledAsync(await CurrentAsync(container, cancellationToken).ConfigureAwait(false), cancellationToken).ConfigureAwait(false);
        switch (ServerStates.Status(server))
        {
            case ContainerStatus.Paused:
                throw BeamException.Conflict($"Container {container.Id} is already paused");
            case ContainerStatus.Running:
                container.Changed();
                await ActAsync(server, ServerAction.PauseServer, cancellationToken).ConfigureAwait(false);
                await WaitForAsync(server, "PAUSED", cancellationToken).ConfigureAwait(false);
                break;
            default:
                throw BeamException.Conflict($"Container {container.Id} is not running");
        }
    }

    public async Task UnpauseAsync(NovaContainer container, CancellationToken cancellationToken)
    {
        var server = await SettledAsync(await CurrentAsync(container, cancellationToken).ConfigureAwait(false), cancellationToken).ConfigureAwait(false);
        if (ServerStates.Status(server) != ContainerStatus.Paused)
        {
            throw BeamException.Conflict($"Container {container.Id} is not paused");
        }

        container.Changed();
        var suspended = string.Equals(server.Status, "SUSPENDED", StringComparison.OrdinalIgnoreCase);
        await ActAsync(server, suspended ? ServerAction.ResumeServer : ServerAction.UnpauseServer, cancellationToken).ConfigureAwait(false);
        await WaitForAsync(server, "ACTIVE", cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Deletes the server and returns it as it was (its metadata names the ports to release).</summary>
    public async Task<Server> DeleteAsync(NovaContainer container, bool force, CancellationToken cancellationToken)
    {
        finder.Forget(container.Id);
        var server = await CurrentAsync(container, cancellationToken).ConfigureAwait(false);
        if (ServerStates.IsLive(server) && !force)
        {
            var how = $"Stop the container before attempting removal or force remove (docker rm -f {server.Name}, or DELETE /containers/{server.Id}?force=1)";
            throw BeamException.Conflict(ServerStates.Status(server) == ContainerStatus.Paused
                ? $"You cannot remove a paused container {server.Id}. Unpause and then stop the container before attempting removal or force remove"
                : $"You cannot remove a running container {server.Id}. {how}");
        }

        container.Changed();
        var compute = await cloud.ComputeAsync(cancellationToken).ConfigureAwait(false);
        var response = await compute.Servers.DeleteAsync(server.Id, cancellationToken).ConfigureAwait(false);
        if (response.Status != 404)
        {
            response.EnsureSuccess($"delete server {Describe(server)}");
        }

        Log.ServerAction(logger, server.Id, "delete");

        // A server deleted before Nova's scheduler placed it (a create and rm -f in quick succession) is only a build
        // request: it never reaches the cell database, so no changes-since listing reports it gone; a GET answers 404.
        // After a few quiet polls the wait asks for the server directly instead of waiting the poller's 30 s.
        await WaitAsync(server, s => s is null, "deleted", failOnError: false, cancellationToken, cloud.Poller.Interval * 4).ConfigureAwait(false);
        return server;
    }

    /// <summary>Docker's wait: not-running, next-exit (the next time it stops from now) or removed; no deadline.</summary>
    public async Task<WaitResult> WaitConditionAsync(NovaContainer container, WaitCondition condition, CancellationToken cancellationToken)
    {
        var server = await CurrentAsync(container, cancellationToken).ConfigureAwait(false);
        var sawLive = ServerStates.IsLive(server);
        bool Met(Server? s)
        {
            var live = s is not null && ServerStates.IsLive(s);
            sawLive |= live;
            return condition switch
            {
                WaitCondition.Removed => s is null,
                WaitCondition.NextExit => s is null || (sawLive && !live),
                _ => !live,
            };
        }

        Server? final = server;
        if (condition != WaitCondition.NotRunning || !Met(server))
        {
            final = await cloud.Poller.WaitAsync(server.Id, Met, Timeout.InfiniteTimeSpan, cancellationToken).ConfigureAwait(false);
        }

        var state = final is null ? null : ServerStates.State(final);
        return new WaitResult(state?.ExitCode ?? 0, state is { Error.Length: > 0 } ? state.Error : null);
    }

    /// <summary>The server as the handle saw it when that is fresh, else as Nova shows it now.</summary>
    public async Task<Server> CurrentAsync(NovaContainer container, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        if (container.IsFresh(now))
        {
            return container.Server;
        }

        var server = await finder.GetServerAsync(container.Id, cancellationToken).ConfigureAwait(false);
        container.Saw(server, now);
        return server;
    }

    private static string Describe(Server server) => $"{server.Name} ({server.Id})";

    // Once a server runs again, the exit code of its last kill no longer applies.
    private async Task ForgetExitAsync(Server server, CancellationToken cancellationToken)
    {
        if (ServerMetadata.Exit(server.Metadata) is null)
        {
            return;
        }

        var compute = await cloud.ComputeAsync(cancellationToken).ConfigureAwait(false);
        var response = await compute.Servers.DeleteMetadataAsync(server.Id, ServerMetadata.ExitCode, cancellationToken).ConfigureAwait(false);
        if (response.Status != 404)
        {
            response.EnsureSuccess($"clear the exit code of server {Describe(server)}");
        }
    }

    // Removes the create's marker; true when this call removed it (a concurrent first start finds it gone: 404).
    private async Task<bool> ClaimFirstStartAsync(Server server, CancellationToken cancellationToken)
    {
        var compute = await cloud.ComputeAsync(cancellationToken).ConfigureAwait(false);
        var response = await compute.Servers.DeleteMetadataAsync(server.Id, ServerMetadata.Unstarted, cancellationToken).ConfigureAwait(false);
        return response.Status != 404 && response.EnsureSuccess($"first start of server {Describe(server)}").IsSuccess;
    }

    private async Task StopLiveAsync(Server server, CancellationToken cancellationToken)
    {
        // Nova refuses os-stop on a paused server: thaw it first, as docker stop does.
        if (string.Equals(server.Status, "PAUSED", StringComparison.OrdinalIgnoreCase))
        {
            await ActAsync(server, ServerAction.UnpauseServer, cancellationToken).ConfigureAwait(false);
            await WaitForAsync(server, "ACTIVE", cancellationToken).ConfigureAwait(false);
        }

        await RetryOnStaleAsync(server, _ => ServerAction.OsStop, ServerAction.OsStop, cancellationToken, stopIfNotLive: true).ConfigureAwait(false);
        await WaitForAsync(server, "SHUTOFF", cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The server once no build, reboot or task is under way (at once if the handle's state is settled).</summary>
    public async Task<Server> SettledAsync(Server server, CancellationToken cancellationToken)
    {
        if (ServerStates.Settled(server))
        {
            return server;
        }

        return await WaitAsync(server, s => s is null || ServerStates.Settled(s), "settled", failOnError: false, cancellationToken).ConfigureAwait(false)
            ?? throw BeamException.NotFound($"No such container: {server.Id}");
    }

    private async Task ActAsync(Server server, ServerAction action, CancellationToken cancellationToken)
    {
        if (!await ActOrStaleAsync(server, action, cancellationToken).ConfigureAwait(false))
        {
            throw BeamException.Conflict($"cannot {action.Name} server {Describe(server)}: Nova refused it in its current state");
        }
    }

    // One action; false when Nova answers 409 (the state the decision was made on is no longer the server's).
    private async Task<bool> ActOrStaleAsync(Server server, ServerAction action, CancellationToken cancellationToken)
    {
        var compute = await cloud.ComputeAsync(cancellationToken).ConfigureAwait(false);
        var response = await compute.Servers.ActAsync(server.Id, action, cancellationToken).ConfigureAwait(false);
        if (response.Status == 404)
        {
            throw BeamException.NotFound($"No such container: {server.Id}");
        }

        if (response.Status == 409)
        {
            return false;
        }

        response.EnsureSuccess($"{action.Name} server {Describe(server)}");
        Log.ServerAction(logger, server.Id, action.Name);
        return true;
    }

    // Acts; on a 409, fetches the server, waits for it to settle and acts again with what fits its state now.
    private async Task RetryOnStaleAsync(Server server, Func<Server, ServerAction> choose, ServerAction first, CancellationToken cancellationToken, bool stopIfNotLive = false)
    {
        if (await ActOrStaleAsync(server, first, cancellationToken).ConfigureAwait(false))
        {
            return;
        }

        var fresh = await SettledAsync(await finder.GetServerAsync(server.Id, cancellationToken).ConfigureAwait(false), cancellationToken).ConfigureAwait(false);
        if (stopIfNotLive && !ServerStates.IsLive(fresh))
        {
            return;
        }

        await ActAsync(fresh, choose(fresh), cancellationToken).ConfigureAwait(false);
    }

    private Task<Server?> WaitForAsync(Server server, string status, CancellationToken cancellationToken) =>
        WaitAsync(server, s => s is not null && ServerStates.Settled(s) && string.Equals(s.Status, status, StringComparison.OrdinalIgnoreCase),
            status, failOnError: true, cancellationToken);

    private async Task<Server?> WaitAsync(Server server, Func<Server?, bool> done, string target, bool failOnError, CancellationToken cancellationToken, TimeSpan? checkAfter = null)
    {
        bool Check(Server? current)
        {
            if (done(current))
            {
                return true;
            }

            if (current is null)
            {
                throw BeamException.NotFound($"No such container: {server.Id} (it disappeared while waiting for {target})");
            }

            if (failOnError && string.IsNullOrEmpty(current.TaskState) && string.Equals(current.Status, "ERROR", StringComparison.OrdinalIgnoreCase))
            {
                throw new BeamException(BeamErrorKind.Internal,
                    $"openstack: server {Describe(server)} went to ERROR instead of {target}: {ServerStates.State(current).Error}");
            }

            return false;
        }

        try
        {
            return await cloud.Poller.WaitAsync(server.Id, Check, options.BootTimeout, cancellationToken, checkAfter).ConfigureAwait(false);
        }
        catch (ServerWaitTimeoutException ex)
        {
            var shows = ex.Last is { } last ? $"Nova shows {last.Status}, task {last.TaskState ?? "none"}" : "Nova showed no change";
            throw BeamException.Unavailable(
                $"openstack: server {Describe(server)} did not become {target} within {options.BootTimeout.TotalSeconds.ToString("0", CultureInfo.InvariantCulture)} s ({shows})");
        }
    }
}
