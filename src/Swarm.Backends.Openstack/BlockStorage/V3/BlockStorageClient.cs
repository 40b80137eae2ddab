using Flurl;
using Swarm.Backends.Openstack.Http;

namespace Swarm.Backends.Openstack.BlockStorage.V3;

/// <summary>
/// Cinder's block storage API v3 (catalog type <c>volumev3</c>, whose URL carries the project's id): one client per
/// resource over one configured HTTP client, with one call counter, so tests and benchmarks can say what a Docker
/// command cost.
/// </summary>
internal sealed class BlockStorageClient : IDisposable
{
    private readonly ServiceClient _http;
    private long _calls;

    public BlockStorageClient(ServiceClient http)
    {
        _http = http;
        Volumes = new VolumesClient(this);
        Attachments = new AttachmentsClient(this);
    }

    /// <summary>How many requests have gone to Cinder.</summary>
    public long Calls => Interlocked.Read(ref _calls);

    public VolumesClient Volumes { get; }

    public AttachmentsClient Attachments { get; }

    /// <summary>An absolute URL under the project's endpoint.</summary>
    public Url Url(params string[] segments) => _http.Url(segments);

    /// <summary>
    /// Sends one request, counted. GET, PUT and DELETE are idempotent and retried on transient failures; a POST is sent
    /// once (it may have created something).
    /// </summary>
    public Task<RawResponse> SendAsync(HttpMethod method, Url url, string? body, CancellationToken cancellationToken) =>
        SendAsync(method, url, body, null, cancellationToken);

    /// <summary>Sends one request with extra headers (a microversion), counted and retried as above.</summary>
    public Task<RawResponse> SendAsync(HttpMethod method, Url url, string? body, IReadOnlyDictionary<string, string>? headers, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _calls);
        return _http.SendAsync(method, url, body, idempotent: method != HttpMethod.Post, headers, cancellationToken);
    }

    public void Dispose() => _http.Dispose();
}
