using System.Text.Json;
using Flurl;
using Swarm.Backends.Openstack.Http;

namespace Swarm.Backends.Openstack.BlockStorage.V3;

/// <summary>Cinder's volumes: list (filtered, every page), get, create, delete, force-delete.</summary>
internal sealed class VolumesClient(BlockStorageClient cinder)
{
    /// <summary>
    /// <c>GET /volumes/detail</c> with filters (<c>name</c>, <c>metadata</c> as <c>{"key": "value"}</c>), following
    /// <c>volumes_links</c> next: one call per page.
    /// </summary>
    public async Task<IReadOnlyList<CinderVolume>> ListAsync(IReadOnlyDictionary<string, string>? filters, CancellationToken cancellationToken)
    {
        var url = cinder.Url("volumes", "detail");
        foreach (var (name, value) in filters ?? new Dictionary<string, string>())
        {
            url.SetQueryParam(name, value);
        }

        var volumes = new List<CinderVolume>();
        for (Url? next = url; next is not null;)
        {
            var page = (await cinder.SendAsync(HttpMethod.Get, next, null, cancellationToken).ConfigureAwait(false)).Read(OpenstackJson.Default.CinderVolumePage, "volume list");
            volumes.AddRange(page.Volumes);
            var link = page.Links?.FirstOrDefault(l => l.Rel == "next")?.Href;
            next = link is null || page.Volumes.Count == 0 ? null : new Url(link);
        }

        return volumes;
    }

    /// <summary><c>GET /volumes/{id}</c>; null on 404.</summary>
    public async Task<CinderVolume?> GetAsync(string id, CancellationToken cancellationToken)
    {
        var response = await cinder.SendAsync(HttpMethod.Get, cinder.Url("volumes", id), null, cancellationToken).ConfigureAwait(false);
        return response.Status == 404 ? null : response.Read(OpenstackJson.Default.CinderVolumeEnvelope, $"volume {id}").Volume;
    }

    /// <summary><c>POST /volumes</c>, sent once; the raw answer, for the caller to map Cinder's refusals (an unknown type is a 404).</summary>
    public Task<RawResponse> CreateAsync(CreateVolume volume, CancellationToken cancellationToken) =>
        cinder.SendAsync(HttpMethod.Post, cinder.Url("volumes"), JsonSerializer.Serialize(new CreateVolumeRequest(volume), OpenstackJson.Default.CreateVolumeRequest), cancellationToken);

    /// <summary><c>DELETE /volumes/{id}</c>; the answer is for the caller to judge (400 while attached, 404 gone).</summary>
    public Task<RawResponse> DeleteAsync(string id, CancellationToken cancellationToken) =>
        cinder.SendAsync(HttpMethod.Delete, cinder.Url("volumes", id), null, cancellationToken);

    /// <summary><c>os-force_delete</c>: removes a volume whatever its status (an admin action); the raw answer.</summary>
    public Task<RawResponse> ForceDeleteAsync(string id, CancellationToken cancellationToken) =>
        cinder.SendAsync(HttpMethod.Post, cinder.Url("volumes", id, "action"),
            JsonSerializer.Serialize(new ForceDeleteRequest(new ForceDelete()), OpenstackJson.Default.ForceDeleteRequest), cancellationToken);
}
