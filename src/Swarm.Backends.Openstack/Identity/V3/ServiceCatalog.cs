using Swarm.Core.Beam;

namespace Swarm.Backends.Openstack.Identity.V3;

/// <summary>The service catalog of a token: endpoints by type, interface and region.</summary>
internal sealed class ServiceCatalog
{
    private readonly IReadOnlyList<CatalogService> _services;

    public ServiceCatalog(IReadOnlyList<CatalogService>? services) => _services = services ?? [];

    /// <summary>Whether the catalog has a <paramref name="type"/> service on <paramref name="endpointInterface"/> in <paramref name="region"/>.</summary>
    public bool Has(string type, string endpointInterface, string? region) => Endpoint(type, endpointInterface, region) is not null;

    /// <summary>
    /// The URL of the <paramref name="type"/> service on <paramref name="endpointInterface"/> in <paramref name="region"/>
    /// (any region when null). A missing endpoint is an unavailable error that lists what the catalog has.
    /// </summary>
    public string Find(string type, string endpointInterface, string? region)
    {
        if (Endpoint(type, endpointInterface, region) is { } endpoint)
        {
            return endpoint.Url;
        }

        var have = string.Join(", ", _services.SelectMany(s => s.Endpoints.Select(e => $"{s.Type}/{e.Interface}/{e.Region ?? e.RegionId}")));
        throw BeamException.Unavailable(
            $"openstack: the service catalog has no {endpointInterface} '{type}' endpoint{(region is null ? "" : $" in region {region}")} (it has: {(have.Length == 0 ? "nothing" : have)})");
    }

    private CatalogEndpoint? Endpoint(string type, string endpointInterface, string? region) =>
        _services.FirstOrDefault(s => string.Equals(s.Type, type, StringComparison.OrdinalIgnoreCase))?.Endpoints.FirstOrDefault(e =>
            string.Equals(Normalize(e.Interface), Normalize(endpointInterface), StringComparison.OrdinalIgnoreCase)
            && (region is null
                || string.Equals(e.Region, region, StringComparison.OrdinalIgnoreCase)
                || string.Equals(e.RegionId, region, StringComparison.OrdinalIgnoreCase)));

    // The CLI accepts publicURL/internalURL/adminURL (the v2 spellings) as well.
    private static string Normalize(string value) =>
        value.EndsWith("URL", StringComparison.Ordinal) ? value[..^3] : value;
}
