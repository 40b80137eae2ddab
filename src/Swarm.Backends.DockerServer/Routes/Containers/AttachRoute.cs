using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Swarm.Backends.DockerServer.Hosting;
using Swarm.Backends.DockerServer.Http;
using Swarm.Core.Containers;

namespace Swarm.Backends.DockerServer.Routes;

/// <summary>
/// <c>POST /containers/{id}/attach</c>: the Connect verb's output on a hijacked socket. As dockerd does it: 101 only
/// when the client asked for <c>Upgrade</c> (the CLI accepts nothing else), otherwise 200 and the stream as the body
/// (Docker.DotNet and dockerode accept nothing else). stdin, when asked for, goes to the container.
/// </summary>
internal static class AttachRoute
{
    public static async Task AttachAsync(DockerCall call, string reference)
    {
        var request = call.Request;
        var wantStdin = Query.Bool(request, "stdin");
        var wantStdout = Query.Bool(request, "stdout");
        var wantStderr = Query.Bool(request, "stderr");
        ServerLimits.StreamedBody(call.Http);
        var container = await call.Host.ResolveAsync(reference, call.Aborted).ConfigureAwait(false);
        var framed = !container.Record.Tty;
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(call.Aborted, call.Stopping);
        var token = linked.Token;

        // stdin reaches the backend through this relay, which is connected once the socket is ours.
        ClientWatch? watch = null;
        var stdin = wantStdin ? new StdinRelay(() => watch?.Gone()) : null;

        // Connect is sent before the handshake: the CLI starts the container once it has the 101, and output
        // written between the two would otherwise be lost.
        var entries = call.Host.ConnectAsync(container, stdin, token).GetAsyncEnumerator(token);
        await using var entriesScope = entries.ConfigureAwait(false);
        var first = entries.MoveNextAsync();

        var upgrade = call.Http.Features.Get<IHttpUpgradeFeature>();
        var response = call.Response;
        response.Headers.ContentType = LogsRoute.ContentType(call, framed);
        call.Http.Features.Get<HalfCloseFeature>()?.Hijack();
        Stream output;
        if (upgrade is { IsUpgradableRequest: true })
        {
            response.Headers.Connection = "Upgrade";
            response.Headers.Upgrade = "tcp";
            output = await upgrade.UpgradeAsync().ConfigureAwait(false);
            stdin?.Connect(output);
        }
        else
        {
            response.StatusCode = StatusCodes.Status200OK;
            await response.StartAsync(token).ConfigureAwait(false);
            await response.Body.FlushAsync(token).ConfigureAwait(false);
            output = response.Body;
            stdin?.Connect(request.Body);
        }

        // Watches for the client going away while the container is quiet (see ClientWatch).
        watch = new ClientWatch(call.Http, output, framed, call.Time);
        var draining = stdin is null && upgrade is { IsUpgradableRequest: true } ? watch.DrainAsync(output) : Task.CompletedTask;
        try
        {
            var more = await first.ConfigureAwait(false);
            while (more)
            {
                var entry = entries.Current;
                if ((entry.Stream == LogStream.Stderr && wantStderr) || (entry.Stream != LogStream.Stderr && wantStdout))
                {
                    await watch.WriteAsync((o, ct) => StdCopy.WriteAsync(o, entry, framed, null, ct), token).ConfigureAwait(false);
                }

                more = await entries.MoveNextAsync().ConfigureAwait(false);
            }
        }
        finally
        {
            await watch.DisposeAsync().ConfigureAwait(false);
            await draining.ConfigureAwait(false);
        }
    }
}
