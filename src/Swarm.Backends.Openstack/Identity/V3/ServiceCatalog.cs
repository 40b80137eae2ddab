using Swarm.Core.Beam;

namespace Swarm.Backends.Openstack.Identity.V3;

/// <summary>The service catalog of a token: endpoints by type, interface and region.</summary>
internal sealed class ServiceCatalog
{
    private readonly IReadOnlyList<CatalogService> _services;

    public ServiceCatalog(IReadOnlyList<CatalogService>? services) => _services = services ?? [];

    /// <summary>
    /// The URL of the <paramref name="type"/> service on <paramref name="endpointInterface"/> in <paramref name="region"/>
    /// (any region when null). A missing endpoint is an unavailable error that lists what the catalog has.
    /// </summary>
    public string Find(string type, string endpointInterface, string? region)
    {
        var service = _services.FirstOrDefault(s => string.Equals(s.Type, type, StringComparison.OrdinalIgnoreCase));
        var endpoint = service?.Endpoints.FirstOrDefault(e =>
            string.Equals(Normalize(e.Interface), Normalize(endpointInterface), StringComparison.OrdinalIgnoreCase)
            && (region is null
                || string.Equals(e.Region, region, StringComparison.OrdinalIgnoreCase)
                || string.Equals(e.RegionId, region, StringComparison.OrdinalIgnoreCase)));
        if (endpoint is not null)
        {
            return endpoint.Url;
        }

        var have = string.Join(", ", _services.SelectMany(s => s.Endpoints.Select(e => $"{s.Type}/{e.Interface}/{e.Region ?? e.RegionId}")));
        throw BeamException.Unavailable(
            $"openstack: the service catalog has no {endpointInterface} '{type}' endpoint{(region is null ? "" : $" in region {region}")} (it has: {(have.Length == 0 ? "nothing" : have)})");
    }

    // The CLI accepts publicURL/internalURL/adminURL (the v2 spellings) as well.
    private static string Normalize(string value) =>
        value.EndsWith("URL", StringComparison.Ordinal) ? value[..^3] : value;
}
