using Flurl;
using Swarm.Backends.Openstack.Http;

namespace Swarm.Backends.Openstack.Compute.V2;

/// <summary>Nova's flavors.</summary>
internal sealed class FlavorsClient(ServiceClient http)
{
    /// <summary><c>GET /flavors/detail</c>, every page.</summary>
    public async Task<IReadOnlyList<Flavor>> ListAsync(CancellationToken cancellationToken)
    {
        var flavors = new List<Flavor>();
        for (Url? next = http.Url("flavors", "detail"); next is not null;)
        {
            var page = (await http.GetAsync(next, cancellationToken).ConfigureAwait(false)).Read(OpenstackJson.Default.FlavorPage, "flavor list");
            flavors.AddRange(page.Flavors);
            var link = page.Links?.FirstOrDefault(l => l.Rel == "next")?.Href;
            next = link is null || page.Flavors.Count == 0 ? null : new Url(link);
        }

        return flavors;
    }
}
