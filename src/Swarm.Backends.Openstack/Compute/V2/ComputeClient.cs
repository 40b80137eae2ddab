namespace Swarm.Backends.Openstack.Compute.V2;

/// <summary>
/// Nova's compute API v2.1 at one microversion (sent as both <c>OpenStack-API-Version: compute X</c> and
/// <c>X-OpenStack-Nova-API-Version: X</c>): one client per resource over one configured HTTP client.
/// </summary>
internal sealed class ComputeClient : IDisposable
{
    private readonly Http.ServiceClient _http;

    public ComputeClient(Http.ServiceClient http, string microversion)
    {
        _http = http;
        Microversion = microversion;
        Servers = new ServersClient(http);
        Flavors = new FlavorsClient(http);
        Limits = new LimitsClient(http);
    }

    /// <summary>The microversion every call uses.</summary>
    public string Microversion { get; }

    /// <summary>The endpoint.</summary>
    public string BaseUrl => _http.BaseUrl;

    public ServersClient Servers { get; }

    public FlavorsClient Flavors { get; }

    public LimitsClient Limits { get; }

    /// <summary>The headers that pin a microversion.</summary>
    public static IReadOnlyDictionary<string, string> Headers(string microversion) => new Dictionary<string, string>
    {
        ["OpenStack-API-Version"] = "compute " + microversion,
        ["X-OpenStack-Nova-API-Version"] = microversion,
    };

    public void Dispose() => _http.Dispose();
}
