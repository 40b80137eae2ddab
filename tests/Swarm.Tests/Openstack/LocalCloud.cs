using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Swarm.Backends.Openstack;
using Swarm.Backends.Openstack.Containers;
using Swarm.Backends.Openstack.Config;

namespace Swarm.Tests.Openstack;

/// <summary>
/// The real local OpenStack of scripts/openstack-dev/up.sh: its openrc (SWARM_OPENSTACK_RC or
/// &lt;repo&gt;/.state/openstack/openrc), a check that Keystone answers, and direct Nova calls that verify what
/// the backend did without going through it. Unavailable: the test is ignored with the reason, or fails
/// when SWARM_REQUIRE_OPENSTACK=1.
/// </summary>
public sealed class LocalCloud : IDisposable
{
    private static readonly Lazy<(Dictionary<string, string>? Env, string Reason)> Probe = new(ProbeOnce);
    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(60) };
    private KeystoneToken? _token;

    private LocalCloud(Dictionary<string, string> env) => Env = env;

    /// <summary>Where the openrc is: SWARM_OPENSTACK_RC, or the one up.sh writes in this repository.</summary>
    public static string RcPath => Environment.GetEnvironmentVariable("SWARM_OPENSTACK_RC") is { Length: > 0 } given
        ? given
        : Support.Repository.Path(".state", "openstack", "openrc");

    /// <summary>The openrc's variables.</summary>
    public IReadOnlyDictionary<string, string> Env { get; }

    /// <summary>The cloud, or Assert.Ignore / Assert.Fail with the reason it cannot be used.</summary>
    public static LocalCloud Require()
    {
        var (env, reason) = Probe.Value;
        if (env is null)
        {
            if (Environment.GetEnvironmentVariable("SWARM_REQUIRE_OPENSTACK") == "1")
            {
                Assert.Fail($"SWARM_REQUIRE_OPENSTACK=1 but the local OpenStack is not usable: {reason}");
            }

            Assert.Ignore($"no local OpenStack: {reason}");
        }

        return new LocalCloud(env!);
    }

    /// <summary>The cloud, or null when it cannot be used (<see cref="Require"/> says why).</summary>
    public static LocalCloud? TryOpen() => Probe.Value.Env is { } env ? new LocalCloud(env) : null;

    /// <summary>Credentials as the backend reads them from these variables.</summary>
    public OpenstackCredentials Credentials(IReadOnlyDictionary<string, string>? overrides = null)
    {
        var env = new Dictionary<string, string>(Env);
        foreach (var (k, v) in overrides ?? new Dictionary<string, string>())
        {
            if (v.Length == 0)
            {
                env.Remove(k);
            }
            else
            {
                env[k] = v;
            }
        }

        return CredentialResolver.Resolve(null, env);
    }

    /// <summary>A host on this cloud.</summary>
    internal OpenstackHost Host(OpenstackOptions? options = null, OpenstackCredentials? credentials = null) =>
        new(options ?? new OpenstackOptions { Flavor = "m1.tiny", BootTimeout = TimeSpan.FromSeconds(90), PollInterval = TimeSpan.FromMilliseconds(200) },
            credentials ?? Credentials());

    /// <summary>The server as Nova shows it (GET /servers/{id}), or null on 404.</summary>
    public async Task<JsonObject?> ServerAsync(string id)
    {
        using var response = await SendAsync(HttpMethod.Get, $"/servers/{id}");
        if (response.StatusCode == System.Net.HttpStatusCode.NotFound)
        {
            return null;
        }

        response.EnsureSuccessStatusCode();
        var server = (JsonNode.Parse(await response.Content.ReadAsStringAsync())!["server"] as JsonObject)!;
        return (string?)server["status"] is "DELETED" or "SOFT_DELETED" ? null : server;
    }

    /// <summary>Servers with exactly this name, as Nova lists them.</summary>
    public async Task<IReadOnlyList<JsonObject>> ServersNamedAsync(string name)
    {
        using var response = await SendAsync(HttpMethod.Get, $"/servers/detail?name=^{name}$");
        response.EnsureSuccessStatusCode();
        var servers = JsonNode.Parse(await response.Content.ReadAsStringAsync())!["servers"]!.AsArray();
        return [.. servers.OfType<JsonObject>().Where(s => (string?)s["name"] == name && (string?)s["status"] != "DELETED")];
    }

    /// <summary>Deletes a server straight in Nova (cleanup), ignoring 404.</summary>
    public async Task DeleteAsync(string id)
    {
        using var response = await SendAsync(HttpMethod.Delete, $"/servers/{id}");
    }

    /// <summary>Waits until Nova no longer has the server.</summary>
    public async Task WaitGoneAsync(string id, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (await ServerAsync(id) is not null)
        {
            if (DateTime.UtcNow > deadline)
            {
                Assert.Fail($"server {id} was still in Nova after {timeout.TotalSeconds} s");
            }

            await Task.Delay(200);
        }
    }

    public void Dispose() => _http.Dispose();

    /// <summary>A new project-scoped token for the openrc's user (or <paramref name="env"/>'s), as any client would get one.</summary>
    public async Task<KeystoneToken> IssueTokenAsync(IReadOnlyDictionary<string, string>? env = null)
    {
        var user = env ?? Env;
        var body = new JsonObject
        {
            ["auth"] = new JsonObject
            {
                ["identity"] = new JsonObject
                {
                    ["methods"] = new JsonArray("password"),
                    ["password"] = new JsonObject
                    {
                        ["user"] = new JsonObject { ["name"] = user["OS_USERNAME"], ["password"] = user["OS_PASSWORD"], ["domain"] = new JsonObject { ["name"] = user.GetValueOrDefault("OS_USER_DOMAIN_NAME", "Default") } },
                    },
                },
                ["scope"] = new JsonObject { ["project"] = new JsonObject { ["name"] = user["OS_PROJECT_NAME"], ["domain"] = new JsonObject { ["name"] = user.GetValueOrDefault("OS_PROJECT_DOMAIN_NAME", "Default") } } },
            },
        };

        // uwsgi wants a Content-Length: no chunked JSON content.
        using var content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json");
        using var response = await _http.PostAsync(Env["OS_AUTH_URL"].TrimEnd('/') + "/auth/tokens", content);
        response.EnsureSuccessStatusCode();
        var token = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("token");
        string? Endpoint(string type) => token.GetProperty("catalog").EnumerateArray()
            .Where(s => s.GetProperty("type").GetString() == type)
            .SelectMany(s => s.GetProperty("endpoints").EnumerateArray()).Where(e => e.GetProperty("interface").GetString() == "public")
            .Select(e => e.GetProperty("url").GetString()!.TrimEnd('/')).FirstOrDefault();
        var network = Endpoint("network");
        return new KeystoneToken(
            response.Headers.GetValues("X-Subject-Token").First(),
            token.GetProperty("expires_at").GetDateTimeOffset(),
            token.GetProperty("user").GetProperty("id").GetString()!,
            Endpoint("compute")!,
            network is null ? null : network.EndsWith("/v2.0", StringComparison.Ordinal) ? network : network + "/v2.0",
            Endpoint("volumev3"));
    }

    /// <summary>Whether Keystone still accepts <paramref name="subject"/> (asked with a fresh token).</summary>
    public async Task<bool> IsValidAsync(KeystoneToken subject)
    {
        var caller = await IssueTokenAsync();
        using var request = new HttpRequestMessage(HttpMethod.Get, Env["OS_AUTH_URL"].TrimEnd('/') + "/auth/tokens");
        request.Headers.Add("X-Auth-Token", caller.Value);
        request.Headers.Add("X-Subject-Token", subject.Value);
        using var response = await _http.SendAsync(request);
        return response.IsSuccessStatusCode;
    }

    /// <summary>
    /// Sets a user's password (to the same value, say): Keystone then revokes every token the user holds. Never the
    /// openrc's user: the local cloud's services authenticate as that user too, and would answer 503 for a while.
    /// </summary>
    public async Task SetPasswordAsync(string userId, string password)
    {
        var caller = await IssueTokenAsync();
        Assert.That(userId, Is.Not.EqualTo(caller.UserId), "the services of the local cloud share the openrc's user");
        await KeystoneAsync(caller, HttpMethod.Patch, $"{Env["OS_AUTH_URL"].TrimEnd('/')}/users/{userId}", new JsonObject { ["user"] = new JsonObject { ["password"] = password } });
    }

    /// <summary>
    /// Makes a Keystone user with the <c>member</c> role on the openrc's project; returns its id and the openrc's variables
    /// with its name and password, for a swarmd of its own.
    /// </summary>
    public async Task<(string Id, IReadOnlyDictionary<string, string> Env)> CreateMemberAsync(string name, string password)
    {
        var caller = await IssueTokenAsync();
        var auth = Env["OS_AUTH_URL"].TrimEnd('/');
        var project = (await KeystoneAsync(caller, HttpMethod.Get, $"{auth}/projects?name={Uri.EscapeDataString(Env["OS_PROJECT_NAME"])}"))!["projects"]![0]!;
        var role = (await KeystoneAsync(caller, HttpMethod.Get, $"{auth}/roles?name=member"))!["roles"]![0]!;
        var user = (await KeystoneAsync(caller, HttpMethod.Post, $"{auth}/users", new JsonObject
        {
            ["user"] = new JsonObject { ["name"] = name, ["password"] = password, ["domain_id"] = (string)project["domain_id"]!, ["default_project_id"] = (string)project["id"]! },
        }))!["user"]!;
        await KeystoneAsync(caller, HttpMethod.Put, $"{auth}/projects/{project["id"]}/users/{user["id"]}/roles/{role["id"]}");
        var env = new Dictionary<string, string>(Env) { ["OS_USERNAME"] = name, ["OS_PASSWORD"] = password };
        return ((string)user["id"]!, env);
    }

    /// <summary>Deletes a Keystone user (cleanup); 404 ignored.</summary>
    public async Task DeleteUserAsync(string id)
    {
        var caller = await IssueTokenAsync();
        using var request = new HttpRequestMessage(HttpMethod.Delete, $"{Env["OS_AUTH_URL"].TrimEnd('/')}/users/{id}");
        request.Headers.Add("X-Auth-Token", caller.Value);
        using var response = await _http.SendAsync(request);
    }

    /// <summary>A Neutron listing (<c>networks</c>, <c>ports</c>, <c>subnets</c>, <c>security-groups</c>) with a query.</summary>
    public async Task<IReadOnlyList<JsonObject>> NeutronListAsync(string resource, string query = "")
    {
        using var response = await SendAsync(HttpMethod.Get, $"/{resource}{(query.Length > 0 ? "?" + query : "")}", network: true);
        response.EnsureSuccessStatusCode();
        return [.. JsonNode.Parse(await response.Content.ReadAsStringAsync())![resource.Replace('-', '_')]!.AsArray().OfType<JsonObject>()];
    }

    /// <summary>The Neutron networks with exactly this name.</summary>
    public Task<IReadOnlyList<JsonObject>> NeutronNetworksNamedAsync(string name) => NeutronListAsync("networks", "name=" + Uri.EscapeDataString(name));

    /// <summary>The name claims on <paramref name="name"/> of this kind (<c>container</c>, <c>network</c>, <c>volume</c>), as Neutron has them.</summary>
    public async Task<IReadOnlyList<JsonObject>> ClaimsAsync(string kind, string name)
    {
        var claims = new List<JsonObject>();
        foreach (var network in await NeutronNetworksNamedAsync("swarm-claims"))
        {
            claims.AddRange((await NeutronListAsync("ports", $"network_id={network["id"]}&name={Uri.EscapeDataString(name)}"))
                .Where(p => (string?)p["description"] == "swarmd claim: " + kind));
        }

        return claims;
    }

    /// <summary>Deletes every claim on <paramref name="name"/> straight in Neutron (cleanup of what a test removed behind swarmd's back).</summary>
    public async Task DeleteClaimsAsync(string kind, string name)
    {
        foreach (var claim in await ClaimsAsync(kind, name))
        {
            using var response = await SendAsync(HttpMethod.Delete, $"/ports/{claim["id"]}", network: true);
        }
    }

    /// <summary>The ports on a Neutron network, infrastructure (DHCP, metadata) left out.</summary>
    public async Task<IReadOnlyList<JsonObject>> PortsOnAsync(string networkId) =>
        [.. (await NeutronListAsync("ports", "network_id=" + networkId)).Where(p => !((string?)p["device_owner"] ?? "").StartsWith("network:", StringComparison.Ordinal))];

    /// <summary>Makes a Neutron network with one subnet straight in Neutron, as an operator would (not through swarmd); returns its id.</summary>
    public async Task<string> CreateNeutronNetworkAsync(string name, string cidr)
    {
        var network = await NeutronPostAsync("networks", new JsonObject { ["network"] = new JsonObject { ["name"] = name } });
        var id = (string)network["network"]!["id"]!;
        await NeutronPostAsync("subnets", new JsonObject { ["subnet"] = new JsonObject { ["network_id"] = id, ["cidr"] = cidr, ["ip_version"] = 4 } });
        return id;
    }

    /// <summary>Makes a port straight in Neutron (as if a swarmd had made it and died before handing it to Nova); returns its id.</summary>
    public async Task<string> CreatePortAsync(string networkId, string description) =>
        (string)(await NeutronPostAsync("ports", new JsonObject { ["port"] = new JsonObject { ["network_id"] = networkId, ["description"] = description } }))["port"]!["id"]!;

    /// <summary>Deletes a Neutron network straight in Neutron (cleanup): its router interfaces and ports first, then it; 404s ignored.</summary>
    public async Task DeleteNeutronNetworkAsync(string id)
    {
        foreach (var port in await NeutronListAsync("ports", $"network_id={id}&device_owner=network:router_interface"))
        {
            using var removed = await SendAsync(HttpMethod.Put, $"/routers/{port["device_id"]}/remove_router_interface", network: true, new JsonObject { ["port_id"] = (string)port["id"]! });
        }

        foreach (var port in await PortsOnAsync(id))
        {
            using var deleted = await SendAsync(HttpMethod.Delete, $"/ports/{port["id"]}", network: true);
        }

        using var response = await SendAsync(HttpMethod.Delete, $"/networks/{id}", network: true);
    }

    /// <summary>Deletes a security group straight in Neutron (cleanup), ignoring 404.</summary>
    public async Task DeleteSecurityGroupAsync(string id)
    {
        using var response = await SendAsync(HttpMethod.Delete, $"/security-groups/{id}", network: true);
    }

    /// <summary>
    /// Makes a network as an operator would for containers that publish ports: a subnet from the default subnet pool,
    /// connected to the project's router on the external network (<c>router1</c>); returns its id.
    /// </summary>
    public async Task<string> CreateRoutedNetworkAsync(string name)
    {
        var network = await NeutronPostAsync("networks", new JsonObject { ["network"] = new JsonObject { ["name"] = name } });
        var id = (string)network["network"]!["id"]!;
        var subnet = await NeutronPostAsync("subnets", new JsonObject
        {
            ["subnet"] = new JsonObject { ["network_id"] = id, ["ip_version"] = 4, ["use_default_subnetpool"] = true, ["name"] = name },
        });
        var router = (await NeutronListAsync("routers", "name=router1")).Single();
        using var added = await SendAsync(HttpMethod.Put, $"/routers/{router["id"]}/add_router_interface", network: true,
            new JsonObject { ["subnet_id"] = (string)subnet["subnet"]!["id"]! });
        Assert.That(added.IsSuccessStatusCode, Is.True, $"Neutron add_router_interface: {(int)added.StatusCode} {await added.Content.ReadAsStringAsync()}");
        return id;
    }

    /// <summary>A PUT straight to Neutron (<c>routers/ID/add_router_interface</c>, <c>floatingips/ID/tags</c>), which must succeed.</summary>
    public async Task NeutronPutAsync(string path, JsonObject body)
    {
        using var response = await SendAsync(HttpMethod.Put, "/" + path, network: true, body);
        Assert.That(response.IsSuccessStatusCode, Is.True, $"Neutron PUT /{path}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
    }

    /// <summary>Deletes a Neutron object straight in Neutron (cleanup): <c>floatingips/ID</c>, <c>ports/ID</c>, ...; 404 ignored.</summary>
    public async Task DeleteNeutronAsync(string path)
    {
        using var response = await SendAsync(HttpMethod.Delete, "/" + path, network: true);
    }

    /// <summary>The Cinder volumes with exactly this name (<c>GET /volumes/detail?name=</c>), deleted ones left out.</summary>
    public async Task<IReadOnlyList<JsonObject>> CinderVolumesNamedAsync(string name)
    {
        using var response = await SendAsync(HttpMethod.Get, "/volumes/detail?name=" + Uri.EscapeDataString(name), storage: true);
        response.EnsureSuccessStatusCode();
        return [.. JsonNode.Parse(await response.Content.ReadAsStringAsync())!["volumes"]!.AsArray().OfType<JsonObject>().Where(v => (string?)v["name"] == name)];
    }

    /// <summary>A Cinder volume (<c>GET /volumes/{id}</c>), or null on 404.</summary>
    public async Task<JsonObject?> CinderVolumeAsync(string id)
    {
        using var response = await SendAsync(HttpMethod.Get, "/volumes/" + id, storage: true);
        if (response.StatusCode == System.Net.HttpStatusCode.NotFound)
        {
            return null;
        }

        response.EnsureSuccessStatusCode();
        return JsonNode.Parse(await response.Content.ReadAsStringAsync())!["volume"] as JsonObject;
    }

    /// <summary>Deletes a Cinder volume straight in Cinder (cleanup), once its server has let it go; 404 ignored.</summary>
    public async Task DeleteCinderVolumeAsync(string id)
    {
        await Support.WaitFor.ConditionAsync(
            async () => (string?)(await CinderVolumeAsync(id))?["status"] is null or "available" or "error",
            $"Cinder volume {id} to be detached", TimeSpan.FromSeconds(120));
        using var response = await SendAsync(HttpMethod.Delete, "/volumes/" + id, storage: true);
    }

    /// <summary>
    /// Makes a Cinder attachment of a volume to a server id straight in Cinder, as Nova's API does before it records a
    /// build request: the volume goes <c>reserved</c>. Returns the attachment's id.
    /// </summary>
    public async Task<string> ReserveCinderVolumeAsync(string volumeId, string serverId)
    {
        var body = new JsonObject { ["attachment"] = new JsonObject { ["volume_uuid"] = volumeId, ["instance_uuid"] = serverId } };
        using var response = await SendAsync(HttpMethod.Post, "/attachments", storage: true, body: body);
        var text = await response.Content.ReadAsStringAsync();
        Assert.That(response.IsSuccessStatusCode, Is.True, $"Cinder POST /attachments: {(int)response.StatusCode} {text}");
        return (string)JsonNode.Parse(text)!["attachment"]!["id"]!;
    }

    /// <summary>Makes a Neutron object straight in Neutron (<c>ports</c>, <c>floatingips/ID/port_forwardings</c>, ...), as a swarmd would have; returns Neutron's answer.</summary>
    public async Task<JsonNode> NeutronPostAsync(string resource, JsonObject body)
    {
        using var response = await SendAsync(HttpMethod.Post, "/" + resource, network: true, body);
        var text = await response.Content.ReadAsStringAsync();
        Assert.That(response.IsSuccessStatusCode, Is.True, $"Neutron POST /{resource}: {(int)response.StatusCode} {text}");
        return JsonNode.Parse(text)!;
    }

    // One Keystone call with `caller`'s token, which must succeed; the answer's JSON (null when empty).
    private async Task<JsonNode?> KeystoneAsync(KeystoneToken caller, HttpMethod method, string url, JsonObject? body = null)
    {
        using var request = new HttpRequestMessage(method, url);
        request.Headers.Add("X-Auth-Token", caller.Value);
        if (body is not null)
        {
            request.Content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json");
        }

        using var response = await _http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        Assert.That(response.IsSuccessStatusCode, Is.True, $"Keystone {method} {url}: {(int)response.StatusCode} {text}");
        return text.Length == 0 ? null : JsonNode.Parse(text);
    }

    // Renews the token before it expires and once on a 401: the tests' clouds use short-lived tokens.
    private async Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, bool network = false, JsonObject? body = null, bool storage = false)
    {
        for (var attempt = 0; ; attempt++)
        {
            if (_token is null || _token.ExpiresAt - DateTimeOffset.UtcNow < TimeSpan.FromSeconds(30))
            {
                _token = await IssueTokenAsync();
            }

            var root = storage ? _token.StorageUrl ?? throw new InvalidOperationException("the catalog has no volumev3 endpoint")
                : network ? _token.NetworkUrl ?? throw new InvalidOperationException("the catalog has no network endpoint")
                : _token.ComputeUrl;
            using var request = new HttpRequestMessage(method, root + path);
            if (body is not null)
            {
                request.Content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json");
            }

            request.Headers.Add("X-Auth-Token", _token.Value);
            request.Headers.ConnectionClose = true;
            // Cinder at 3.27 (attachments); volumes answer the same as at 3.0 for what these tests read.
            request.Headers.Add("OpenStack-API-Version", storage ? "volume 3.27" : "compute 2.79");
            var response = await _http.SendAsync(request);
            if (response.StatusCode != System.Net.HttpStatusCode.Unauthorized || attempt > 0)
            {
                return response;
            }

            response.Dispose();
            _token = null;
        }
    }

    private static (Dictionary<string, string>? Env, string Reason) ProbeOnce()
    {
        var rc = RcPath;
        if (!File.Exists(rc))
        {
            return (null, $"{rc} does not exist (run scripts/openstack-dev/up.sh, or set SWARM_OPENSTACK_RC)");
        }

        var env = ParseRc(File.ReadAllLines(rc));
        if (!env.TryGetValue("OS_AUTH_URL", out var authUrl))
        {
            return (null, $"{rc} sets no OS_AUTH_URL");
        }

        try
        {
            using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
            using var response = http.GetAsync(authUrl).GetAwaiter().GetResult();
            return (int)response.StatusCode < 500 ? (env, "") : (null, $"Keystone at {authUrl} answered {(int)response.StatusCode}");
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
        {
            return (null, $"Keystone at {authUrl} does not answer: {ex.Message}");
        }
    }

    /// <summary>Reads <c>export K=V</c> lines (quotes stripped, comments skipped).</summary>
    public static Dictionary<string, string> ParseRc(IEnumerable<string> lines)
    {
        var env = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var raw in lines)
        {
            var line = raw.Trim();
            if (line.StartsWith("export ", StringComparison.Ordinal))
            {
                line = line[7..].Trim();
            }

            var eq = line.IndexOf('=');
            if (line.StartsWith('#') || eq <= 0)
            {
                continue;
            }

            var value = line[(eq + 1)..].Trim();
            if (value.Length >= 2 && (value[0] == '"' || value[0] == '\'') && value[^1] == value[0])
            {
                value = value[1..^1];
            }

            env[line[..eq]] = value;
        }

        return env;
    }
}
