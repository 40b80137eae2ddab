using System.Globalization;
using System.Text.Json;
using Flurl;
using Swarm.Backends.Openstack.Http;

namespace Swarm.Backends.Openstack.Compute.V2;

/// <summary>
/// Nova's servers: one method per call (a listing is one call per page), typed request bodies. Counts its calls,
/// so tests and benchmarks can say how many requests a Docker command cost.
/// </summary>
internal sealed class ServersClient(ServiceClient http)
{
    private long _calls;

    /// <summary>How many requests this client has sent.</summary>
    public long Calls => Interlocked.Read(ref _calls);

    /// <summary><c>GET /servers/detail</c> with filters, following <c>servers_links</c> next: one call per page.</summary>
    public async Task<IReadOnlyList<Server>> ListAsync(IReadOnlyDictionary<string, string>? filters, CancellationToken cancellationToken) =>
        (await ListPagesAsync(filters, cancellationToken).ConfigureAwait(false)).Servers;

    /// <summary>
    /// <c>GET /servers/detail?changes-since=</c>: every server updated since then, deleted ones included (status
    /// DELETED), with Nova's clock from the answer's <c>Date</c>.
    /// </summary>
    public Task<ServerChanges> ChangedSinceAsync(DateTimeOffset since, CancellationToken cancellationToken) =>
        ListPagesAsync(new Dictionary<string, string>
        {
            ["changes-since"] = since.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture),
        }, cancellationToken);

    /// <summary><c>GET /servers/{id}</c>; null on 404.</summary>
    public async Task<Server?> GetAsync(string id, CancellationToken cancellationToken)
    {
        var response = await SendAsync(HttpMethod.Get, http.Url("servers", id), null, idempotent: true, cancellationToken).ConfigureAwait(false);
        return response.Status == 404 ? null : response.Read(OpenstackJson.Default.ServerEnvelope, $"server {id}").Server;
    }

    /// <summary><c>POST /servers</c>: sent once, never retried after a failure that may have created it. Returns the id.</summary>
    public async Task<string> CreateAsync(CreateServer server, CancellationToken cancellationToken)
    {
        var body = JsonSerializer.Serialize(new CreateServerRequest(server), OpenstackJson.Default.CreateServerRequest);
        var response = await SendAsync(HttpMethod.Post, http.Url("servers"), body, idempotent: false, cancellationToken).ConfigureAwait(false);
        return response.Read(OpenstackJson.Default.CreateServerResult, $"create server '{server.Name}'").Server.Id;
    }

    /// <summary><c>POST /servers/{id}/action</c>; returns the raw answer (404 and 409 are for the caller to judge).</summary>
    public Task<RawResponse> ActAsync(string id, ServerAction action, CancellationToken cancellationToken) =>
        SendAsync(HttpMethod.Post, http.Url("servers", id, "action"), JsonSerializer.Serialize(action, OpenstackJson.Default.ServerAction), idempotent: false, cancellationToken);

    /// <summary><c>PUT /servers/{id}</c> with a new name.</summary>
    public Task<RawResponse> RenameAsync(string id, string name, CancellationToken cancellationToken) =>
        SendAsync(HttpMethod.Put, http.Url("servers", id),
            JsonSerializer.Serialize(new UpdateServerRequest(new UpdateServer(name)), OpenstackJson.Default.UpdateServerRequest), idempotent: true, cancellationToken);

    /// <summary><c>DELETE /servers/{id}</c>.</summary>
    public Task<RawResponse> DeleteAsync(string id, CancellationToken cancellationToken) =>
        SendAsync(HttpMethod.Delete, http.Url("servers", id), null, idempotent: true, cancellationToken);

    /// <summary><c>PUT /servers/{id}/metadata/{key}</c>: sets one item.</summary>
    public Task<RawResponse> SetMetadataAsync(string id, string key, string value, CancellationToken cancellationToken) =>
        SendAsync(HttpMethod.Put, http.Url("servers", id, "metadata", key),
            JsonSerializer.Serialize(new MetadataItemRequest(new Dictionary<string, string> { [key] = value }), OpenstackJson.Default.MetadataItemRequest), idempotent: true, cancellationToken);

    /// <summary><c>DELETE /servers/{id}/metadata/{key}</c>: 404 when the key (or the server) is not there.</summary>
    public Task<RawResponse> DeleteMetadataAsync(string id, string key, CancellationToken cancellationToken) =>
        SendAsync(HttpMethod.Delete, http.Url("servers", id, "metadata", key), null, idempotent: true, cancellationToken);

    /// <summary><c>POST /servers/{id}/metadata</c>: adds or replaces these items (repeating it is harmless).</summary>
    public Task<RawResponse> UpdateMetadataAsync(string id, IReadOnlyDictionary<string, string> items, CancellationToken cancellationToken) =>
        SendAsync(HttpMethod.Post, http.Url("servers", id, "metadata"),
            JsonSerializer.Serialize(new MetadataRequest(items), OpenstackJson.Default.MetadataRequest), idempotent: true, cancellationToken);

    /// <summary><c>POST /servers/{id}/os-interface</c>: plugs a port (or a new one on a network) into the server; sent once.</summary>
    public Task<RawResponse> AttachInterfaceAsync(string id, InterfaceAttachment attachment, CancellationToken cancellationToken) =>
        SendAsync(HttpMethod.Post, http.Url("servers", id, "os-interface"),
            JsonSerializer.Serialize(new AttachInterfaceRequest(attachment), OpenstackJson.Default.AttachInterfaceRequest), idempotent: false, cancellationToken);

    /// <summary><c>DELETE /servers/{id}/os-interface/{port}</c>: Nova unplugs the port (it finishes after answering).</summary>
    public Task<RawResponse> DetachInterfaceAsync(string id, string portId, CancellationToken cancellationToken) =>
        SendAsync(HttpMethod.Delete, http.Url("servers", id, "os-interface", portId), null, idempotent: true, cancellationToken);

    /// <summary><c>os-getConsoleOutput</c>: the last <paramref name="lines"/> lines, or all.</summary>
    public async Task<string> ConsoleOutputAsync(string id, int? lines, CancellationToken cancellationToken)
    {
        var response = await SendAsync(HttpMethod.Post, http.Url("servers", id, "action"),
            JsonSerializer.Serialize(ServerAction.Console(lines), OpenstackJson.Default.ServerAction), idempotent: true, cancellationToken).ConfigureAwait(false);
        return response.Read(OpenstackJson.Default.ConsoleOutputResult, $"console output of server {id}").Output ?? "";
    }

    private async Task<ServerChanges> ListPagesAsync(IReadOnlyDictionary<string, string>? filters, CancellationToken cancellationToken)
    {
        var servers = new List<Server>();
        var url = http.Url("servers", "detail");
        foreach (var (name, value) in filters ?? new Dictionary<string, string>())
        {
            url.SetQueryParam(name, value);
        }

        DateTimeOffset? novaTime = null;
        for (Url? next = url; next is not null;)
        {
            var response = await SendAsync(HttpMethod.Get, next, null, idempotent: true, cancellationToken).ConfigureAwait(false);
            var page = response.Read(OpenstackJson.Default.ServerPage, "server list");
            novaTime ??= response.Date;
            servers.AddRange(page.Servers);
            var link = page.Links?.FirstOrDefault(l => l.Rel == "next")?.Href;
            next = link is null || page.Servers.Count == 0 ? null : new Url(link);
        }

        return new ServerChanges(servers, novaTime);
    }

    private Task<RawResponse> SendAsync(HttpMethod method, Url url, string? body, bool idempotent, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _calls);
        return http.SendAsync(method, url, body, idempotent, cancellationToken);
    }
}
