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

        var records = await call.Host.ListAsync(call.Aborted).ConfigureAwait(false);
        var now = call.Time.GetUtcNow();
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
        for (var i = 0; i < count; i++)
        {
            items[i] = ContainerViews.Summary(selected[i], now, size);
        }

        await JsonResponse.WriteAsync(call.Response, 200, items, DockerJson.Default.ContainerSummaryArray, call.Aborted).ConfigureAwait(false);
    }
}
