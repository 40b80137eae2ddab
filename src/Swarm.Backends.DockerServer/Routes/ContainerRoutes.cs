using Microsoft.AspNetCore.Http;
using Swarm.Backends.DockerServer.Http;
using Swarm.Backends.DockerServer.Wire;
using Swarm.Core.Containers;

namespace Swarm.Backends.DockerServer.Routes;

/// <summary>Inspect and the one-shot lifecycle routes: each resolves the reference (Attach) and sends one verb.</summary>
internal static class ContainerRoutes
{
    public static async Task InspectAsync(DockerCall call, string reference)
    {
        var container = await call.Host.AttachAsync(reference, call.Aborted).ConfigureAwait(false);
        var record = await container.GetAsync(call.Aborted).ConfigureAwait(false);
        await JsonResponse.WriteAsync(call.Response, 200, ContainerViews.Inspect(record), DockerJson.Default.ContainerInspect, call.Aborted).ConfigureAwait(false);
    }

    public static async Task StartAsync(DockerCall call, string reference)
    {
        var container = await call.Host.AttachAsync(reference, call.Aborted).ConfigureAwait(false);
        NoContentOrNotModified(call, await container.StartAsync(call.Aborted).ConfigureAwait(false));
    }

    public static async Task StopAsync(DockerCall call, string reference)
    {
        var timeout = Timeout(call);
        var container = await call.Host.AttachAsync(reference, call.Aborted).ConfigureAwait(false);
        NoContentOrNotModified(call, await container.StopAsync(timeout, call.Aborted).ConfigureAwait(false));
    }

    public static async Task RestartAsync(DockerCall call, string reference)
    {
        var timeout = Timeout(call);
        var container = await call.Host.AttachAsync(reference, call.Aborted).ConfigureAwait(false);
        await container.RestartAsync(timeout, call.Aborted).ConfigureAwait(false);
        await call.NoContentAsync().ConfigureAwait(false);
    }

    public static Task KillAsync(DockerCall call, string reference) =>
        OneVerbAsync(call, reference, (c, ct) => c.KillAsync(Query.Get(call.Request, "signal") ?? "SIGKILL", ct));

    public static Task PauseAsync(DockerCall call, string reference) => OneVerbAsync(call, reference, (c, ct) => c.PauseAsync(ct));

    public static Task UnpauseAsync(DockerCall call, string reference) => OneVerbAsync(call, reference, (c, ct) => c.UnpauseAsync(ct));

    public static Task RenameAsync(DockerCall call, string reference)
    {
        var name = ContainerNames.Validate(Query.Get(call.Request, "name"))
            ?? throw DockerHttpException.BadRequest("rename needs the new name: POST /containers/{id}/rename?name=NEW");
        return OneVerbAsync(call, reference, (c, ct) => c.RenameAsync(name, ct));
    }

    public static Task DeleteAsync(DockerCall call, string reference)
    {
        var force = Query.Bool(call.Request, "force");
        return OneVerbAsync(call, reference, (c, ct) => c.DeleteAsync(force, ct));
    }

    private static async Task OneVerbAsync(DockerCall call, string reference, Func<ContainerClient, CancellationToken, Task> verb)
    {
        var container = await call.Host.AttachAsync(reference, call.Aborted).ConfigureAwait(false);
        await verb(container, call.Aborted).ConfigureAwait(false);
        await call.NoContentAsync().ConfigureAwait(false);
    }

    private static void NoContentOrNotModified(DockerCall call, bool changed) =>
        call.Response.StatusCode = changed ? StatusCodes.Status204NoContent : StatusCodes.Status304NotModified;

    private static TimeSpan? Timeout(DockerCall call) => Query.Int(call.Request, "t") is { } seconds
        ? seconds < 0 ? null : TimeSpan.FromSeconds(seconds)
        : null;
}
