using System.Globalization;
using System.Text.Json;
using Flurl;
using Swarm.Backends.Openstack.Http;

namespace Swarm.Backends.Openstack.Compute.V2;

/// <summary>
/// Nova's compute API v2.1 at one microversion (sent as both <c>OpenStack-API-Version: compute X</c> and
/// <c>X-OpenStack-Nova-API-Version: X</c>). Each method is one call (a listing: one call per page).
/// </summary>
internal sealed class ComputeClient : IDisposable
{
    private readonly ServiceClient _http;

    public ComputeClient(ServiceClient http, string microversion)
    {
        _http = http;
        Microversion = microversion;
    }

    /// <summary>The microversion every call uses.</summary>
    public string Microversion { get; }

    /// <summary>The endpoint.</summary>
    public string BaseUrl => _http.BaseUrl;

    /// <summary>The headers that pin a microversion.</summary>
    public static IReadOnlyDictionary<string, string> Headers(string microversion) => new Dictionary<string, string>
    {
        ["OpenStack-API-Version"] = "compute " + microversion,
        ["X-OpenStack-Nova-API-Version"] = microversion,
    };

    /// <summary><c>GET /servers/detail</c>, following <c>servers_links</c> next: one call per page.</summary>
    public async Task<IReadOnlyList<Server>> ListServersAsync(IReadOnlyDictionary<string, string>? filters, CancellationToken cancellationToken)
    {
        var servers = new List<Server>();
        var url = _http.Url("servers", "detail");
        if (filters is not null)
        {
            foreach (var (name, value) in filters)
            {
                url.SetQueryParam(name, value);
            }
        }

        for (Url? next = url; next is not null;)
        {
            var page = (await _http.GetAsync(next, cancellationToken).ConfigureAwait(false))
                .Read(OpenstackJson.Default.ServerPage, "server list");
            servers.AddRange(page.Servers);
            var link = page.Links?.FirstOrDefault(l => l.Rel == "next")?.Href;
            next = link is null || page.Servers.Count == 0 ? null : new Url(link);
        }

        return servers;
    }

    /// <summary><c>GET /servers/{id}</c>; null on 404.</summary>
    public async Task<Server?> GetServerAsync(string id, CancellationToken cancellationToken)
    {
        var response = await _http.GetAsync(_http.Url("servers", id), cancellationToken).ConfigureAwait(false);
        return response.Status == 404 ? null : response.Read(OpenstackJson.Default.ServerEnvelope, $"server {id}").Server;
    }

    /// <summary><c>POST /servers</c>: sent once, never retried after a failure that may have created it.</summary>
    public async Task<string> CreateServerAsync(CreateServer server, CancellationToken cancellationToken)
    {
        var body = JsonSerializer.Serialize(new CreateServerRequest(server), OpenstackJson.Default.CreateServerRequest);
        var response = await _http.SendAsync(HttpMethod.Post, _http.Url("servers"), body, idempotent: false, cancellationToken).ConfigureAwait(false);
        using var doc = JsonDocument.Parse(response.EnsureSuccess($"create server '{server.Name}'").Body);
        return doc.RootElement.GetProperty("server").GetProperty("id").GetString()
            ?? throw new JsonException("POST /servers answered without an id");
    }

    /// <summary><c>POST /servers/{id}/action</c> with <c>{"action": body}</c>; returns the raw answer.</summary>
    public Task<RawResponse> ActionAsync(string id, string action, string argumentJson, CancellationToken cancellationToken) =>
        _http.SendAsync(HttpMethod.Post, _http.Url("servers", id, "action"), $"{{\"{action}\": {argumentJson}}}", idempotent: false, cancellationToken);

    /// <summary><c>PUT /servers/{id}</c> with a new name.</summary>
    public Task<RawResponse> RenameAsync(string id, string name, CancellationToken cancellationToken) =>
        _http.SendAsync(HttpMethod.Put, _http.Url("servers", id),
            $"{{\"server\": {{\"name\": {JsonSerializer.Serialize(name, OpenstackJson.Default.String)}}}}}", idempotent: true, cancellationToken);

    /// <summary><c>DELETE /servers/{id}</c>.</summary>
    public Task<RawResponse> DeleteAsync(string id, CancellationToken cancellationToken) =>
        _http.SendAsync(HttpMethod.Delete, _http.Url("servers", id), null, idempotent: true, cancellationToken);

    /// <summary><c>os-getConsoleOutput</c>: the last <paramref name="lines"/> lines, or all.</summary>
    public async Task<string> ConsoleOutputAsync(string id, int? lines, CancellationToken cancellationToken)
    {
        var argument = lines is { } n ? $"{{\"length\": {n.ToString(CultureInfo.InvariantCulture)}}}" : "{}";
        var response = await _http.SendAsync(HttpMethod.Post, _http.Url("servers", id, "action"), $"{{\"os-getConsoleOutput\": {argument}}}", idempotent: true, cancellationToken)
            .ConfigureAwait(false);
        return response.Read(OpenstackJson.Default.ConsoleOutputResult, $"console output of server {id}").Output ?? "";
    }

    /// <summary><c>GET /flavors/detail</c>, every page.</summary>
    public async Task<IReadOnlyList<Flavor>> ListFlavorsAsync(CancellationToken cancellationToken)
    {
        var flavors = new List<Flavor>();
        for (Url? next = _http.Url("flavors", "detail"); next is not null;)
        {
            var page = (await _http.GetAsync(next, cancellationToken).ConfigureAwait(false)).Read(OpenstackJson.Default.FlavorPage, "flavor list");
            flavors.AddRange(page.Flavors);
            var link = page.Links?.FirstOrDefault(l => l.Rel == "next")?.Href;
            next = link is null || page.Flavors.Count == 0 ? null : new Url(link);
        }

        return flavors;
    }

    /// <summary><c>GET /limits</c>: absolute limits and usage.</summary>
    public async Task<IReadOnlyDictionary<string, long>> LimitsAsync(CancellationToken cancellationToken) =>
        (await _http.GetAsync(_http.Url("limits"), cancellationToken).ConfigureAwait(false)).Read(OpenstackJson.Default.LimitsResult, "limits").Limits.Absolute;

    public void Dispose() => _http.Dispose();
}
