using System.Collections.Immutable;
using System.Globalization;
using Microsoft.Extensions.Logging;
using Swarm.Core.Beam;

namespace Swarm.Core.Containers;

/// <summary>
/// Serves an <see cref="IContainerHost"/> over Beam: the instance verbs (Spawn, Attach, Ls, Get, Images,
/// Watch) on the router itself, the container verbs on the handles that Spawn and Attach hand out.
/// </summary>
public static class ContainerHostRouter
{
    /// <summary>Builds the router of <paramref name="host"/>.</summary>
    public static BeamRouter Create(IContainerHost host, ILogger? logger = null)
    {
        ArgumentNullException.ThrowIfNull(host);
        var router = new BeamRouter(host.Name, logger);
        return router
            .On(Verb.Spawn, async r =>
            {
                var created = await host.CreateAsync(BeamJson.Read<ContainerSpec>(r.Arg(0)), r.CancellationToken).ConfigureAwait(false);
                await r.AckAsync(router.Bind(new ContainerTarget(created.Id)), created.Id).ConfigureAwait(false);
            })
            .On(Verb.Attach, async r =>
            {
                var id = await host.ResolveAsync(Required(r, 0, "a container reference"), r.CancellationToken).ConfigureAwait(false);
                await r.AckAsync(router.Bind(new ContainerTarget(id)), id).ConfigureAwait(false);
            })
            .On(Verb.Ls, async r =>
            {
                // Typed: an in-process caller takes the records as they are; JSON only if a hop reads the args.
                var all = await host.ListAsync(r.CancellationToken).ConfigureAwait(false);
                await r.ReplyAsync(Message.Typed(Verb.Set, all, static records => [.. ((IReadOnlyList<ContainerRecord>)records).Select(BeamJson.Write)])).ConfigureAwait(false);
            })
            .On(Verb.Get, async r =>
            {
                var reply = r.Target is ContainerTarget c
                    ? Message.Typed(Verb.Set, await host.GetAsync(c.Id, r.CancellationToken).ConfigureAwait(false), static record => [BeamJson.Write((ContainerRecord)record)])
                    : Message.Typed(Verb.Set, await host.GetInfoAsync(r.CancellationToken).ConfigureAwait(false), static info => [BeamJson.Write((HostInfo)info)]);
                await r.ReplyAsync(reply).ConfigureAwait(false);
            })
            .On(Verb.Images, async r =>
            {
                ImmutableArray<string> images = r.Arg(0) is { Length: > 0 } reference
                    ? [BeamJson.Write(await host.GetImageAsync(reference, r.CancellationToken).ConfigureAwait(false))]
                    : [.. (await host.ListImagesAsync(r.CancellationToken).ConfigureAwait(false)).Select(BeamJson.Write)];
                await r.SetAsync(images).ConfigureAwait(false);
            })
            .On(Verb.Watch, async r =>
            {
                var options = new WatchOptions(BeamWire.ParseTime(r.Arg(0)), BeamWire.ParseTime(r.Arg(1)));
                await foreach (var e in host.WatchAsync(options, r.CancellationToken).ConfigureAwait(false))
                {
                    await r.EventAsync(BeamJson.Write(e)).ConfigureAwait(false);
                }

                await r.AckAsync().ConfigureAwait(false);
            })
            .On(Verb.Start, async r => await AckChangedAsync(r, await host.StartAsync(Id(r), r.CancellationToken).ConfigureAwait(false)).ConfigureAwait(false))
            .On(Verb.Stop, async r => await AckChangedAsync(r, await host.StopAsync(Id(r), BeamWire.ParseSeconds(r.Arg(0)), r.CancellationToken).ConfigureAwait(false)).ConfigureAwait(false))
            .On(Verb.Restart, async r =>
            {
                await host.RestartAsync(Id(r), BeamWire.ParseSeconds(r.Arg(0)), r.CancellationToken).ConfigureAwait(false);
                await r.AckAsync().ConfigureAwait(false);
            })
            .On(Verb.Kill, async r =>
            {
                await host.KillAsync(Id(r), r.Arg(0) is { Length: > 0 } s ? s : "SIGKILL", r.CancellationToken).ConfigureAwait(false);
                await r.AckAsync().ConfigureAwait(false);
            })
            .On(Verb.Pause, async r =>
            {
                await host.PauseAsync(Id(r), r.CancellationToken).ConfigureAwait(false);
                await r.AckAsync().ConfigureAwait(false);
            })
            .On(Verb.Unpause, async r =>
            {
                await host.UnpauseAsync(Id(r), r.CancellationToken).ConfigureAwait(false);
                await r.AckAsync().ConfigureAwait(false);
            })
            .On(Verb.Rename, async r =>
            {
                await host.RenameAsync(Id(r), Required(r, 0, "a new name"), r.CancellationToken).ConfigureAwait(false);
                await r.AckAsync().ConfigureAwait(false);
            })
            .On(Verb.Delete, async r =>
            {
                await host.DeleteAsync(Id(r), string.Equals(r.Arg(0), "force", StringComparison.Ordinal), r.CancellationToken).ConfigureAwait(false);
                await r.AckAsync().ConfigureAwait(false);
            })
            .On(Verb.Logs, async r =>
            {
                var options = r.Arg(0) is { Length: > 0 } json ? BeamJson.Read<LogOptions>(json) : new LogOptions();
                await StreamLogsAsync(r, host.LogsAsync(Id(r), options, r.CancellationToken)).ConfigureAwait(false);
            })
            .On(Verb.Connect, async r => await StreamLogsAsync(r, host.ConnectAsync(Id(r), r.Message.Attachment, r.CancellationToken)).ConfigureAwait(false))
            .On(Verb.Wait, async r =>
            {
                var result = await host.WaitAsync(Id(r), BeamWire.ParseCondition(r.Arg(0)), r.CancellationToken).ConfigureAwait(false);
                await r.AckAsync(result.StatusCode.ToString(CultureInfo.InvariantCulture), result.Error ?? "").ConfigureAwait(false);
            });
    }

    private static async Task StreamLogsAsync(BeamRequest request, IAsyncEnumerable<LogEntry> entries)
    {
        await foreach (var entry in entries.ConfigureAwait(false))
        {
            await request.LogAsync(BeamWire.Stream(entry.Stream), BeamWire.Time(entry.Timestamp), entry.Text).ConfigureAwait(false);
        }

        await request.AckAsync().ConfigureAwait(false);
    }

    private static ValueTask AckChangedAsync(BeamRequest request, bool changed) =>
        changed ? request.AckAsync() : request.AckAsync(BeamWire.NotModified);

    private static string Id(BeamRequest request) => request.Target is ContainerTarget c
        ? c.Id
        : throw BeamException.Invalid($"{request.Verb} goes to a container handle (from Attach or Spawn), not to the instance");

    private static string Required(BeamRequest request, int index, string what) =>
        request.Arg(index) is { Length: > 0 } value ? value : throw BeamException.Invalid($"{request.Verb} needs {what}");

    private sealed record ContainerTarget(string Id)
    {
        public override string ToString() => Id;
    }
}
