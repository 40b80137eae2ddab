using Flurl;
using Swarm.Backends.Openstack.Http;

namespace Swarm.Backends.Openstack.Network.V2;

/// <summary>
/// Neutron's networking API v2.0: one client per resource over one configured HTTP client (catalog type
/// <c>network</c>), with one call counter for all of them, so tests and benchmarks can say what a Docker command cost.
/// </summary>
internal sealed class NetworkClient : IDisposable
{
    private readonly ServiceClient _http;
    private long _calls;

    public NetworkClient(ServiceClient http)
    {
        _http = http;
        // The catalog may or may not end in /v2.0.
        Root = http.BaseUrl.EndsWith("/v2.0", StringComparison.Ordinal) ? http.BaseUrl : http.BaseUrl + "/v2.0";
        Networks = new NetworksClient(this);
        Subnets = new SubnetsClient(this);
        Ports = new PortsClient(this);
        SecurityGroups = new SecurityGroupsClient(this);
        FloatingIps = new FloatingIpsClient(this);
        PortForwardings = new PortForwardingsClient(this);
        Routers = new RoutersClient(this);
    }

    /// <summary>The API root, <c>.../v2.0</c>.</summary>
    public string Root { get; }

    /// <summary>How many requests have gone to Neutron.</summary>
    public long Calls => Interlocked.Read(ref _calls);

    public NetworksClient Networks { get; }

    public SubnetsClient Subnets { get; }

    public PortsClient Ports { get; }

    public SecurityGroupsClient SecurityGroups { get; }

    public FloatingIpsClient FloatingIps { get; }

    public PortForwardingsClient PortForwardings { get; }

    public RoutersClient Routers { get; }

    /// <summary>An absolute URL under the API root.</summary>
    public Url Url(params string[] segments)
    {
        var url = new Url(Root);
        foreach (var segment in segments)
        {
            url.AppendPathSegment(segment);
        }

        return url;
    }

    /// <summary>
    /// Sends one request, counted. GET, PUT and DELETE are idempotent and retried on transient failures; a POST is
    /// sent once (it may have created something).
    /// </summary>
    public Task<RawResponse> SendAsync(HttpMethod method, Url url, string? body, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _calls);
        return _http.SendAsync(method, url, body, idempotent: method != HttpMethod.Post, cancellationToken);
    }

    public void Dispose() => _http.Dispose();
}
