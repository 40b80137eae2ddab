using Swarm.Backends.DockerServer.Http;
using Swarm.Backends.DockerServer.Wire;
using Swarm.Core.Containers;

namespace Swarm.Backends.DockerServer.Routes;

/// <summary><c>GET /containers/json</c>: one List, then all, filters, limit and size applied here, newest first.</summary>
internal static class ContainerListRoute
{
    public static async Task ListAsync(DockerCall call)
    {
        var request = call.Request;
        var all = Query.Bool(request, "all");
        var limit = Query.Int(request, "limit") ?? -1;
        var size = Query.Bool(request, "size");
        var filters = Filters.Parse(Query.Get(request, "filters"));
        var filter = filters.IsEmpty ? null : new ContainerFilter(filters);
        var showStopped = all || limit > 0 || filter?.WantsStopped == true;

        if (filter is { NetworkReferences.Count: > 0 })
        {
            filter.Resolved(await NetworksAsync(call, filter.NetworkReferences).ConfigureAwait(false));
        }

        var records = await call.Host.ListAsync(call.Aborted).ConfigureAwait(false);
        var now = call.Time.GetUtcNow();

        // The body is a function of the records (an immutable list), the query and the clock, which it reads only through
        // each Status ("Up 5 seconds"): the bytes rendered before are answered while every Status still reads the same.
        // A network filter also depends on the networks the backend resolved: not kept.
        var query = call.Request.QueryString.Value ?? "";
        var memo = filter is { NetworkReferences.Count: > 0 } ? null : call.Memo.Listings;
        if (memo?.Find(records, call.Version, query, now) is { } kept)
        {
            await JsonResponse.WriteAsync(call.Response, 200, kept, call.Aborted).ConfigureAwait(false);
            return;
        }

        var selected = new List<ContainerRecord>(records.Count);
        foreach (var record in records)
        {
            if ((showStopped || record.State.Running) && (filter is null || filter.Matches(record)))
            {
                selected.Add(record);
            }
        }

        selected.Sort(static (a, b) => b.Created.CompareTo(a.Created));
        var count = limit > 0 ? Math.Min(limit, selected.Count) : selected.Count;
        var items = new ContainerSummary[count];
        var until = DateTimeOffset.MaxValue;
        for (var i = 0; i < count; i++)
        {
            items[i] = ContainerViews.Summary(selected[i], now, size);
            var changes = DockerText.StatusChangesAt(selected[i].State, now);
            until = changes < until ? changes : until;
        }

        var body = JsonResponse.Render(items, DockerJson.Default.ContainerSummaryArray);
        memo?.Keep(records, call.Version, query, now, until, body);
        await JsonResponse.WriteAsync(call.Response, 200, body, call.Aborted).ConfigureAwait(false);
    }

    // The filter takes a name or an id (or a prefix): the backend says which network it is; an unknown one matches nothing.
    private static async Task<IReadOnlyList<NetworkRecord>> NetworksAsync(DockerCall call, IReadOnlyList<string> references)
    {
        var found = new List<NetworkRecord>();
        foreach (var reference in references)
        {
            try
            {
                found.Add(await call.Host.GetNetworkAsync(reference, call.Aborted).ConfigureAwait(false));
            }
            catch (Swarm.Core.Beam.BeamException ex) when (ex.Kind is Swarm.Core.Beam.BeamErrorKind.NotFound or Swarm.Core.Beam.BeamErrorKind.NotImplemented)
            {
                // Nothing is on a network that does not exist.
            }
        }

        return found;
    }
}
