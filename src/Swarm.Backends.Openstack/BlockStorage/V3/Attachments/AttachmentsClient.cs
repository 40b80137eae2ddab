using System.Text.Json.Serialization;
using Flurl;

namespace Swarm.Backends.Openstack.BlockStorage.V3;

/// <summary>
/// Cinder's attachments (microversion 3.27, Ocata and later): the ones of one volume, and deleting one. swarmd uses them
/// only to free a volume from an attachment whose server Nova no longer has (see <c>CinderVolumes</c>).
/// </summary>
internal sealed class AttachmentsClient(BlockStorageClient cinder)
{
    /// <summary>The microversion the attachments API needs.</summary>
    public static readonly IReadOnlyDictionary<string, string> Microversion =
        new Dictionary<string, string> { ["OpenStack-API-Version"] = "volume 3.27" };

    /// <summary><c>GET /attachments?volume_id=ID</c>: every attachment of one volume (one page: a volume has few).</summary>
    public async Task<IReadOnlyList<CinderAttachment>> ListAsync(string volumeId, CancellationToken cancellationToken)
    {
        var url = cinder.Url("attachments").SetQueryParam("volume_id", volumeId);
        var response = await cinder.SendAsync(HttpMethod.Get, url, null, Microversion, cancellationToken).ConfigureAwait(false);
        return response.Read(OpenstackJson.Default.CinderAttachmentList, $"attachments of volume {volumeId}").Attachments;
    }

    /// <summary><c>DELETE /attachments/{id}</c>; the raw answer (404: already gone).</summary>
    public Task<Http.RawResponse> DeleteAsync(string id, CancellationToken cancellationToken) =>
        cinder.SendAsync(HttpMethod.Delete, cinder.Url("attachments", id), null, Microversion, cancellationToken);
}

/// <summary>One attachment as <c>GET /attachments</c> lists it: its server is <c>instance</c>.</summary>
internal sealed record CinderAttachment(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("status")] string? Status,
    [property: JsonPropertyName("instance")] string? Instance,
    [property: JsonPropertyName("volume_id")] string? VolumeId);

/// <summary><c>{"attachments": [...]}</c>.</summary>
internal sealed record CinderAttachmentList([property: JsonPropertyName("attachments")] IReadOnlyList<CinderAttachment> Attachments);
