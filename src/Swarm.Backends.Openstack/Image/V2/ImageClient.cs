using Flurl;
using Swarm.Backends.Openstack.Http;

namespace Swarm.Backends.Openstack.Image.V2;

/// <summary>Glance v2: list images (every page), find by name, get by id.</summary>
internal sealed class ImageClient : IDisposable
{
    private readonly ServiceClient _http;
    private readonly string _root;

    public ImageClient(ServiceClient http)
    {
        _http = http;
        // The catalog may or may not include /v2; "next" links are relative to the root.
        _root = http.BaseUrl.EndsWith("/v2", StringComparison.Ordinal) ? http.BaseUrl[..^3] : http.BaseUrl;
    }

    /// <summary>Every image, optionally filtered by exact name; one call per page.</summary>
    public async Task<IReadOnlyList<GlanceImage>> ListAsync(string? name, CancellationToken cancellationToken)
    {
        var images = new List<GlanceImage>();
        var first = new Url(_root).AppendPathSegments("v2", "images").SetQueryParam("limit", 200);
        // Glance reads "op:value" in filters ("in:a,b"): a name with a colon is matched here instead.
        var filterHere = name is not null && name.Contains(':', StringComparison.Ordinal);
        if (name is not null && !filterHere)
        {
            first.SetQueryParam("name", name);
        }

        for (Url? next = first; next is not null;)
        {
            var page = (await _http.GetAsync(next, cancellationToken).ConfigureAwait(false))
                .Read(OpenstackJson.Default.GlanceImagePage, name is null ? "image list" : $"image '{name}'");
            images.AddRange(page.Images);
            next = page.Next is { Length: > 0 } link && page.Images.Count > 0 ? new Url(_root + link) : null;
        }

        return filterHere ? [.. images.Where(i => string.Equals(i.Name, name, StringComparison.Ordinal))] : images;
    }

    /// <summary><c>GET /v2/images/{id}</c>; null on 404.</summary>
    public async Task<GlanceImage?> GetAsync(string id, CancellationToken cancellationToken)
    {
        var response = await _http.GetAsync(new Url(_root).AppendPathSegments("v2", "images", id), cancellationToken).ConfigureAwait(false);
        return response.Status == 404 ? null : response.Read(OpenstackJson.Default.GlanceImage, $"image {id}");
    }

    public void Dispose() => _http.Dispose();
}
