using Swarm.Backends.DockerServer.Http;
using Swarm.Core.Containers;

namespace Swarm.Backends.DockerServer.Routes;

/// <summary>
/// <c>GET /containers/{id}/logs</c>: the Logs verb streamed as stdcopy frames (raw bytes for a TTY container), each
/// entry flushed when following.
/// </summary>
internal static class LogsRoute
{
    public const string Raw = "application/vnd.docker.raw-stream";
    public const string Multiplexed = "application/vnd.docker.multiplexed-stream";

    public static async Task LogsAsync(DockerCall call, string reference)
    {
        var request = call.Request;
        var options = new LogOptions
        {
            Follow = Query.Bool(request, "follow"),
            Tail = Tail(Query.Get(request, "tail")),
            Since = Query.UnixTime(request, "since") is { } since && since > DateTimeOffset.UnixEpoch ? since : null,
            Until = Query.UnixTime(request, "until") is { } until && until > DateTimeOffset.UnixEpoch ? until : null,
            Stdout = Query.Bool(request, "stdout"),
            Stderr = Query.Bool(request, "stderr"),
        };
        if (!options.Stdout && !options.Stderr)
        {
            throw DockerHttpException.BadRequest("Bad parameters: you must choose at least one stream");
        }

        var timestamps = Query.Bool(request, "timestamps");
        var container = await call.Host.ResolveAsync(reference, call.Aborted).ConfigureAwait(false);
        var framed = !container.Record.Tty;
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(call.Aborted, call.Stopping);
        var token = linked.Token;
        var entries = call.Host.LogsAsync(container, options, token).GetAsyncEnumerator(token);
        await using var entriesScope = entries.ConfigureAwait(false);

        // The first entry (or the end) is awaited before the headers go out, so a backend error is still a status.
        var more = await entries.MoveNextAsync().ConfigureAwait(false);
        await JsonResponse.StartStreamAsync(call.Response, ContentType(call, framed), token).ConfigureAwait(false);
        var body = call.Response.Body;
        while (more)
        {
            var entry = entries.Current;
            await StdCopy.WriteAsync(body, entry, framed, timestamps ? DockerText.LogTimestamp(entry.Timestamp) : null, token).ConfigureAwait(false);
            if (options.Follow)
            {
                await body.FlushAsync(token).ConfigureAwait(false);
            }

            more = await entries.MoveNextAsync().ConfigureAwait(false);
        }
    }

    /// <summary>The content type of a container's output stream, by TTY and API version, as dockerd chooses it.</summary>
    public static string ContentType(DockerCall call, bool framed) =>
        framed && ApiVersion.Compare(call.Version, ApiVersion.Multiplexed) >= 0 ? Multiplexed : Raw;

    private static int? Tail(string? text) => text switch
    {
        null or "all" => null,
        _ when int.TryParse(text, System.Globalization.CultureInfo.InvariantCulture, out var n) => n < 0 ? null : n,
        _ => throw DockerHttpException.BadRequest($"invalid value for tail: \"{text}\" (a number or all)"),
    };
}
