using Microsoft.Extensions.Logging;
using Swarm.Core.Beam;

namespace Swarm.Core.Containers;

/// <summary>
/// Serves an <see cref="IContainerHost"/> over Beam: the core verbs always, and the verbs of each role the host
/// implements. The instance verbs (Get, List, Resolve, Create, Watch, Images, Networks, NetworkCreate, NetworkDelete, Volumes,
/// VolumeCreate, VolumeDelete) are answered on the router itself;
/// the container verbs on the handles that Resolve and Create hand out. A verb of a role the host lacks is
/// answered not-implemented, naming the role.
/// </summary>
public static class ContainerHostRouter
{
    /// <summary>Builds the router of <paramref name="host"/>.</summary>
    public static BeamRouter Create(IContainerHost host, ILogger? logger = null, int maxInFlight = BeamRouter.DefaultMaxInFlight)
    {
        ArgumentNullException.ThrowIfNull(host);
        var router = new BeamRouter(host.Name, logger, maxInFlight);
        Core(router, host);
        Role(router, host, host as IContainerLifecycle, Lifecycle, "container lifecycle (start, stop, restart, kill, pause, unpause, rename, wait)",
            Verb.Start, Verb.Stop, Verb.Restart, Verb.Kill, Verb.Pause, Verb.Unpause, Verb.Rename, Verb.Wait);
        Role(router, host, host as IContainerLogs, Logs, "logs", Verb.Logs);
        Role(router, host, host as IContainerAttach, Attach, "attach", Verb.Connect);
        Role(router, host, host as IContainerEvents, Events, "events", Verb.Watch);
        Role(router, host, host as IImageCatalog, Images, "images", Verb.Images);
        Role(router, host, host as INetworkHost, Networks, "networks",
            Verb.Networks, Verb.NetworkCreate, Verb.NetworkDelete, Verb.NetworkConnect, Verb.NetworkDisconnect);
        Role(router, host, host as IVolumeHost, Volumes, "volumes", Verb.Volumes, Verb.VolumeCreate, Verb.VolumeDelete);
        return router;
    }

    private static void Core(BeamRouter router, IContainerHost host) => router
        .On(Verb.Get, async r => await r.SetAsync(r.Target is ContainerHandle c
            ? new ContainerBody(await host.GetAsync(c, r.CancellationToken).ConfigureAwait(false))
            : new HostInfoBody(await host.GetInfoAsync(r.CancellationToken).ConfigureAwait(false))).ConfigureAwait(false))
        .On(Verb.List, async r => await r.SetAsync(new ContainerListBody(await host.ListAsync(r.CancellationToken).ConfigureAwait(false))).ConfigureAwait(false))
        .On(Verb.Resolve, async r =>
        {
            var handle = await host.ResolveAsync(r.Body<ReferenceBody>().Reference, r.CancellationToken).ConfigureAwait(false);
            await r.AckAsync(router.Bind(handle), new ContainerBody(handle.Record)).ConfigureAwait(false);
        })
        .On(Verb.Create, async r =>
        {
            var handle = await host.CreateAsync(r.Body<SpecBody>().Spec, r.CancellationToken).ConfigureAwait(false);
            await r.AckAsync(router.Bind(handle), new ContainerBody(handle.Record)).ConfigureAwait(false);
        })
        .On(Verb.Delete, async r =>
        {
            await host.DeleteAsync(Handle(r), r.Body<DeleteBody>().Force, r.CancellationToken).ConfigureAwait(false);
            await r.AckAsync().ConfigureAwait(false);
        });

    private static void Lifecycle(BeamRouter router, IContainerLifecycle host) => router
        .On(Verb.Start, async r => await r.AckAsync(new ChangedBody(await host.StartAsync(Handle(r), r.CancellationToken).ConfigureAwait(false))).ConfigureAwait(false))
        .On(Verb.Stop, async r => await r.AckAsync(new ChangedBody(
            await host.StopAsync(Handle(r), r.Body<TimeoutBody>().Timeout, r.CancellationToken).ConfigureAwait(false))).ConfigureAwait(false))
        .On(Verb.Restart, r => AckAfterAsync(r, host.RestartAsync(Handle(r), r.Body<TimeoutBody>().Timeout, r.CancellationToken)))
        .On(Verb.Kill, r => AckAfterAsync(r, host.KillAsync(Handle(r), r.Body<SignalBody>().Signal, r.CancellationToken)))
        .On(Verb.Pause, r => AckAfterAsync(r, host.PauseAsync(Handle(r), r.CancellationToken)))
        .On(Verb.Unpause, r => AckAfterAsync(r, host.UnpauseAsync(Handle(r), r.CancellationToken)))
        .On(Verb.Rename, r => AckAfterAsync(r, host.RenameAsync(Handle(r), r.Body<NameBody>().Name, r.CancellationToken)))
        .On(Verb.Wait, async r => await r.AckAsync(new WaitResultBody(
            await host.WaitAsync(Handle(r), r.Body<WaitBody>().Condition, r.CancellationToken).ConfigureAwait(false))).ConfigureAwait(false));

    private static void Logs(BeamRouter router, IContainerLogs host) => router
        .On(Verb.Logs, r => StreamLogsAsync(r, host.LogsAsync(Handle(r), r.Body<LogOptionsBody>().Options, r.CancellationToken)));

    private static void Attach(BeamRouter router, IContainerAttach host) => router
        .On(Verb.Connect, r => StreamLogsAsync(r, host.ConnectAsync(Handle(r), r.Message.Attachment, r.CancellationToken)));

    private static void Events(BeamRouter router, IContainerEvents host) => router
        .On(Verb.Watch, async r =>
        {
            await foreach (var e in host.WatchAsync(r.Body<WatchBody>().Options, r.CancellationToken).ConfigureAwait(false))
            {
                await r.StreamAsync(Verb.Event, new EventBody(e)).ConfigureAwait(false);
            }

            await r.AckAsync().ConfigureAwait(false);
        });

    private static void Images(BeamRouter router, IImageCatalog host) => router
        .On(Verb.Images, async r => await r.SetAsync(new ImageListBody(r.Body<ImageQueryBody>().Reference is { } reference
            ? [await host.GetImageAsync(reference, r.CancellationToken).ConfigureAwait(false)]
            : await host.ListImagesAsync(r.CancellationToken).ConfigureAwait(false))).ConfigureAwait(false));

    private static void Networks(BeamRouter router, INetworkHost host) => router
        .On(Verb.Networks, async r => await r.SetAsync(new NetworkListBody(r.Body<NetworkQueryBody>().Reference is { } reference
            ? [await host.GetNetworkAsync(reference, r.CancellationToken).ConfigureAwait(false)]
            : await host.ListNetworksAsync(r.CancellationToken).ConfigureAwait(false))).ConfigureAwait(false))
        .On(Verb.NetworkCreate, async r => await r.AckAsync(new NetworkBody(
            await host.CreateNetworkAsync(r.Body<NetworkSpecBody>().Spec, r.CancellationToken).ConfigureAwait(false))).ConfigureAwait(false))
        .On(Verb.NetworkDelete, r => AckAfterAsync(r, host.DeleteNetworkAsync(r.Body<ReferenceBody>().Reference, r.CancellationToken)))
        .On(Verb.NetworkConnect, r => AckAfterAsync(r, host.ConnectNetworkAsync(Handle(r), r.Body<EndpointBody>().Endpoint, r.CancellationToken)))
        .On(Verb.NetworkDisconnect, r =>
        {
            var body = r.Body<DisconnectBody>();
            return AckAfterAsync(r, host.DisconnectNetworkAsync(Handle(r), body.Network, body.Force, r.CancellationToken));
        });

    private static void Volumes(BeamRouter router, IVolumeHost host) => router
        .On(Verb.Volumes, async r => await r.SetAsync(new VolumeListBody(r.Body<VolumeQueryBody>().Name is { } name
            ? [await host.GetVolumeAsync(name, r.CancellationToken).ConfigureAwait(false)]
            : await host.ListVolumesAsync(r.CancellationToken).ConfigureAwait(false))).ConfigureAwait(false))
        .On(Verb.VolumeCreate, async r => await r.AckAsync(new VolumeBody(
            await host.CreateVolumeAsync(r.Body<VolumeSpecBody>().Spec, r.CancellationToken).ConfigureAwait(false))).ConfigureAwait(false))
        .On(Verb.VolumeDelete, r =>
        {
            var body = r.Body<VolumeDeleteBody>();
            return AckAfterAsync(r, host.DeleteVolumeAsync(body.Name, body.Force, r.CancellationToken));
        });

    // Registers a role's verbs when the host implements it, else answers them with a sentence naming the role.
    private static void Role<TRole>(BeamRouter router, IContainerHost host, TRole? role, Action<BeamRouter, TRole> register, string roleName, params Verb[] verbs)
        where TRole : class
    {
        if (role is not null)
        {
            register(router, role);
            return;
        }

        foreach (var verb in verbs)
        {
            router.On(verb, _ => throw BeamException.NotImplemented($"{host.Name} does not implement {roleName}, so it cannot answer {verb}"));
        }
    }

    private static async ValueTask AckAfterAsync(BeamRequest request, Task work)
    {
        await work.ConfigureAwait(false);
        await request.AckAsync().ConfigureAwait(false);
    }

    private static async ValueTask StreamLogsAsync(BeamRequest request, IAsyncEnumerable<LogEntry> entries)
    {
        await foreach (var entry in entries.ConfigureAwait(false))
        {
            await request.StreamAsync(Verb.Log, new LogBody(entry)).ConfigureAwait(false);
        }

        await request.AckAsync().ConfigureAwait(false);
    }

    private static ContainerHandle Handle(BeamRequest request) => request.Target as ContainerHandle
        ?? throw BeamException.Invalid($"{request.Verb} goes to a container handle (from Resolve or Create), not to the instance");
}
