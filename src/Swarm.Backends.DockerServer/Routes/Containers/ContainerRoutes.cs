using Microsoft.AspNetCore.Http;
using Swarm.Backends.DockerServer.Http;
using Swarm.Backends.DockerServer.Wire;
using Swarm.Core.Beam;
using Swarm.Core.Containers;

namespace Swarm.Backends.DockerServer.Routes;

/// <summary>
/// Inspect, delete and the one-shot lifecycle routes: each resolves the reference once and sends at most one more verb
/// (a <c>docker rm -v</c> one more per anonymous volume).
/// </summary>
internal static class ContainerRoutes
{
    public static async Task InspectAsync(DockerCall call, string reference)
    {
        // Resolve answers with the container as it is: no second call for its description. The body is a function of
        // the record alone (no clock), so a record seen before is answered with the bytes rendered then.
        var record = (await call.Host.ResolveAsync(reference, call.Aborted).ConfigureAwait(false)).Record;
        var memo = call.Memo.Inspections;
        if (memo.Find(record, call.Version, "", DateTimeOffset.MinValue) is not { } body)
        {
            body = JsonResponse.Render(ContainerViews.Inspect(record), DockerJson.Default.ContainerInspect);
            memo.Keep(record, call.Version, "", DateTimeOffset.MinValue, DateTimeOffset.MaxValue, body);
        }

        await JsonResponse.WriteAsync(call.Response, 200, body, call.Aborted).ConfigureAwait(false);
    }

    public static async Task StartAsync(DockerCall call, string reference)
    {
        var container = await call.Host.ResolveAsync(reference, call.Aborted).ConfigureAwait(false);
        NoContentOrNotModified(call, await call.Host.StartAsync(container, call.Aborted).ConfigureAwait(false));
    }

    public static async Task StopAsync(DockerCall call, string reference)
    {
        var timeout = Timeout(call);
        var container = await call.Host.ResolveAsync(reference, call.Aborted).ConfigureAwait(false);
        NoContentOrNotModified(call, await call.Host.StopAsync(container, timeout, call.Aborted).ConfigureAwait(false));
    }

    public static async Task RestartAsync(DockerCall call, string reference)
    {
        var timeout = Timeout(call);
        var container = await call.Host.ResolveAsync(reference, call.Aborted).ConfigureAwait(false);
        await call.Host.RestartAsync(container, timeout, call.Aborted).ConfigureAwait(false);
        await call.NoContentAsync().ConfigureAwait(false);
    }

    public static Task KillAsync(DockerCall call, string reference) =>
        OneVerbAsync(call, reference, (c, ct) => call.Host.KillAsync(c, Query.Get(call.Request, "signal") is { Length: > 0 } signal ? signal : SignalBody.DefaultSignal, ct));

    public static Task PauseAsync(DockerCall call, string reference) => OneVerbAsync(call, reference, call.Host.PauseAsync);

    public static Task UnpauseAsync(DockerCall call, string reference) => OneVerbAsync(call, reference, call.Host.UnpauseAsync);

    public static Task RenameAsync(DockerCall call, string reference)
    {
        var name = Query.Get(call.Request, "name") is { Length: > 0 } given
            ? ContainerNames.Validate(given)
            : throw DockerHttpException.BadRequest("rename needs the new name: POST /containers/{id}/rename?name=NEW");
        return OneVerbAsync(call, reference, (c, ct) => call.Host.RenameAsync(c, name, ct));
    }

    /// <remarks>With <c>v=1</c> (<c>docker rm -v</c>) the container's anonymous volumes go too: one more verb each.</remarks>
    public static async Task DeleteAsync(DockerCall call, string reference)
    {
        var force = Query.Bool(call.Request, "force");
        var container = await call.Host.ResolveAsync(reference, call.Aborted).ConfigureAwait(false);
        await call.Host.DeleteAsync(container, force, call.Aborted).ConfigureAwait(false);
        if (Query.Bool(call.Request, "v"))
        {
            await VolumeRoutes.RemoveAnonymousAsync(call, container.Record).ConfigureAwait(false);
        }

        await call.NoContentAsync().ConfigureAwait(false);
    }

    private static async Task OneVerbAsync(DockerCall call, string reference, Func<ContainerHandle, CancellationToken, Task> verb)
    {
        var container = await call.Host.ResolveAsync(reference, call.Aborted).ConfigureAwait(false);
        await verb(container, call.Aborted).ConfigureAwait(false);
        await call.NoContentAsync().ConfigureAwait(false);
    }

    private static void NoContentOrNotModified(DockerCall call, bool changed) =>
        call.Response.StatusCode = changed ? StatusCodes.Status204NoContent : StatusCodes.Status304NotModified;

    private static TimeSpan? Timeout(DockerCall call) => Query.Int(call.Request, "t") is { } seconds
        ? seconds < 0 ? null : TimeSpan.FromSeconds(seconds)
        : null;
}
