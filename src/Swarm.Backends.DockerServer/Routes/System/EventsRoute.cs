using Swarm.Backends.DockerServer.Http;
using Swarm.Backends.DockerServer.Wire;
using Swarm.Core.Containers;

namespace Swarm.Backends.DockerServer.Routes;

/// <summary>
/// <c>GET /events</c>: the Watch verb as NDJSON, replayed from <c>since</c>, open until <c>until</c> or the client
/// leaves, filtered here by type, container, event, image and label.
/// </summary>
internal static class EventsRoute
{
    public static async Task EventsAsync(DockerCall call)
    {
        var request = call.Request;
        var since = Query.UnixTime(request, "since");
        var until = Query.UnixTime(request, "until");
        var filters = Filters.Parse(Query.Get(request, "filters")).Accept("type", "container", "event", "image", "label", "scope");
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(call.Aborted, call.Stopping);
        var token = linked.Token;
        await JsonResponse.StartStreamAsync(call.Response, JsonResponse.ContentType, token).ConfigureAwait(false);
        if (!filters.Match("type", t => t == "container") || !filters.Match("scope", s => s == "local"))
        {
            // Only container events exist here; a stream of other types stays empty until its end.
            if (until is { } end)
            {
                await Deadline.WaitUntilAsync(end, call.Time, token).ConfigureAwait(false);
            }

            return;
        }

        await foreach (var e in call.Host.WatchAsync(new WatchOptions(since, until), token).ConfigureAwait(false))
        {
            if (Matches(filters, e))
            {
                await JsonResponse.WriteLineAsync(call.Response.Body, Message(e), DockerJson.Default.EventMessage, token).ConfigureAwait(false);
            }
        }
    }

    private static bool Matches(Filters filters, ContainerEvent e) =>
        filters.Match("container", v => e.Id.StartsWith(v, StringComparison.Ordinal) || v == e.Name || v == "/" + e.Name)
        && filters.Match("event", v => v == e.Action)
        && filters.Match("image", v => ImageReference.WithTag(v) == ImageReference.WithTag(e.Image) || v == e.Image)
        && ContainerFilter.LabelsMatch(filters.Get("label"), e.Attributes);

    private static EventMessage Message(ContainerEvent e)
    {
        var attributes = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, value) in e.Attributes)
        {
            attributes[key] = value;
        }

        attributes["name"] = e.Name;
        attributes["image"] = e.Image;
        var nanos = (e.Time - DateTimeOffset.UnixEpoch).Ticks * 100;
        return new EventMessage
        {
            Status = e.Action,
            Id = e.Id,
            From = e.Image,
            Action = e.Action,
            Actor = new EventActor(e.Id, attributes),
            Time = e.Time.ToUnixTimeSeconds(),
            TimeNano = nanos,
        };
    }
}
