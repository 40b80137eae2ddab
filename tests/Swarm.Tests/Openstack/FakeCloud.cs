using System.Globalization;
using System.Text.Json.Nodes;
using Flurl.Http.Testing;
using Microsoft.Extensions.Logging;
using Swarm.Backends.Openstack;
using Swarm.Backends.Openstack.Containers;
using Swarm.Backends.Openstack.Config;
using Swarm.Backends.Openstack.Http;

namespace Swarm.Tests.Openstack;

/// <summary>
/// A cloud made of Flurl HttpTest answers: Keystone, Nova, Glance, Neutron and Cinder at made-up hosts. The bodies are real ones,
/// captured from the local OpenStack (<c>Captured/</c>, where its README says when and how), with only what a
/// test controls rewritten; the error bodies a single test needs are written in that test.
/// </summary>
internal static class FakeCloud
{
    public const string Keystone = "http://keystone.test/v3";
    public const string Nova = "http://nova.test/v2.1";
    public const string Glance = "http://glance.test";
    public const string Neutron = "http://neutron.test";
    public const string Cinder = "http://volumev3.test";
    public const string Password = "s3cr3t-Pa55word";
    public const string CirrosId = "11111111-2222-3333-4444-555555555555";
    public const string ClaimsNetworkId = "c1a1c1a1-0000-4000-8000-000000000001";
    public const string ClaimPortId = "c1a1c1a1-0000-4000-8000-0000000000c1";

    public static OpenstackCredentials Credentials(string authUrl = Keystone) => new()
    {
        AuthUrl = authUrl,
        Username = "alice",
        Password = Password,
        ProjectName = "demo",
        Source = "test",
    };

    /// <summary>A host on the fake cloud whose retries record their delays instead of sleeping.</summary>
    internal static OpenstackHost Host(List<TimeSpan>? delays = null, ILogger? logger = null, TimeProvider? time = null, OpenstackOptions? options = null)
    {
        var retry = new RetryPolicy
        {
            Delay = (d, _) =>
            {
                lock (delays ?? [])
                {
                    delays?.Add(d);
                }

                return Task.CompletedTask;
            },
            RequestTimeout = TimeSpan.FromSeconds(5),
        };
        return new OpenstackHost(options ?? new OpenstackOptions { PollInterval = TimeSpan.FromMilliseconds(1) }, Credentials(), logger, retry, time);
    }

    /// <summary>Keystone issuing <paramref name="tokens"/> one after another (the last repeats), and Nova's version document.</summary>
    public static void Setup(HttpTest http, DateTimeOffset? expires = null, params string[] tokens)
    {
        var auth = http.ForCallsTo(Keystone + "/auth/tokens");
        foreach (var token in tokens.Length == 0 ? ["token-1"] : tokens)
        {
            auth.RespondWith(TokenBody(expires ?? DateTimeOffset.UtcNow.AddHours(1)), 201, new Dictionary<string, string> { ["X-Subject-Token"] = token });
        }

        http.ForCallsTo(Nova + "/").RespondWith(Captured("nova-version.json"));

        // Name claims: the project's claims network exists; every claim is granted and can be released.
        http.ForCallsTo(Neutron + "/v2.0/networks*").WithVerb(HttpMethod.Get).WithQueryParam("name", "swarm-claims").RespondWith(
            $$$"""{"networks": [{"id": "{{{ClaimsNetworkId}}}", "name": "swarm-claims", "created_at": "2024-01-01T00:00:00Z", "subnets": [], "tags": []}]}""");
        http.ForCallsTo(Neutron + "/v2.0/ports").WithVerb(HttpMethod.Post).WithRequestBody("*swarmd claim: *").RespondWith(
            $$$"""{"port": {"id": "{{{ClaimPortId}}}", "network_id": "{{{ClaimsNetworkId}}}", "name": "claimed", "description": "swarmd claim: container"}}""", 201);
        http.ForCallsTo(Neutron + "/v2.0/ports/" + ClaimPortId).WithVerb(HttpMethod.Delete).RespondWith("", 204);

        // A stale container claim's create left nothing behind, unless a test answers first.
        http.ForCallsTo(Neutron + "/v2.0/ports*").WithVerb(HttpMethod.Get).WithQueryParam("name").RespondWith("""{"ports": []}""");
        http.ForCallsTo(Neutron + "/v2.0/security-groups*").WithVerb(HttpMethod.Get).WithQueryParam("name", "swarm-c-*").RespondWith("""{"security_groups": []}""");
        http.ForCallsTo(Neutron + "/v2.0/floatingips*").WithVerb(HttpMethod.Get).WithQueryParam("tags", "swarm.own").WithQueryParam("description").RespondWith("""{"floatingips": []}""");
    }

    /// <summary>
    /// The claim on container (or <paramref name="kind"/>) name <paramref name="name"/> exists (made at <paramref name="at"/>):
    /// the first claim request meets Neutron's 409 MacAddressInUse; once the claim is removed, the next is granted.
    /// Returns the claim's port id. Call before <see cref="Setup"/>: the first matching answer wins.
    /// </summary>
    public static string ClaimTaken(HttpTest http, string name, DateTimeOffset at, Swarm.Backends.Openstack.Cloud.ClaimKind kind = Swarm.Backends.Openstack.Cloud.ClaimKind.Container)
    {
        const string existing = "c1a1c1a1-0000-4000-8000-0000000000e0";
        var mac = Swarm.Backends.Openstack.Cloud.NameClaims.Mac(kind, name, 0);
        var description = "swarmd claim: " + kind.ToString().ToLowerInvariant();
        http.ForCallsTo(Neutron + "/v2.0/ports").WithVerb(HttpMethod.Post).WithRequestBody($"*\"mac_address\":\"{mac}\"*")
            .RespondWith($$$"""{"NeutronError": {"type": "MacAddressInUse", "message": "Unable to complete operation for network {{{ClaimsNetworkId}}}. The mac address {{{mac}}} is in use.", "detail": ""}}""", 409)
            .RespondWith($$$"""{"port": {"id": "{{{ClaimPortId}}}", "network_id": "{{{ClaimsNetworkId}}}", "name": "{{{name}}}", "description": "{{{description}}}"}}""", 201);
        http.ForCallsTo(Neutron + "/v2.0/ports*").WithVerb(HttpMethod.Get).WithQueryParam("mac_address", mac).RespondWith(
            $$$"""{"ports": [{"id": "{{{existing}}}", "network_id": "{{{ClaimsNetworkId}}}", "name": "{{{name}}}", "description": "{{{description}}}", "mac_address": "{{{mac}}}", "created_at": "{{{at.UtcDateTime:yyyy-MM-ddTHH:mm:ssZ}}}"}]}""");
        http.ForCallsTo(Neutron + "/v2.0/ports/" + existing).WithVerb(HttpMethod.Delete).RespondWith("", 204);
        return existing;
    }

    /// <summary>The requests a test made to Neutron other than for name claims.</summary>
    public static IEnumerable<Flurl.Http.FlurlCall> NonClaimNeutronCalls(HttpTest http) =>
        http.CallLog.Where(c => c.Request.Url.ToString().StartsWith(Neutron, StringComparison.Ordinal)
            && !(c.Request.Url.QueryParams.Contains("name", "swarm-claims")
                 || c.RequestBody?.Contains("swarmd claim: ", StringComparison.Ordinal) == true
                 || c.Request.Url.Path.EndsWith(ClaimPortId, StringComparison.Ordinal)));

    /// <summary>Keystone's answer to a password authentication, its catalog pointing at the fake hosts.</summary>
    public static string TokenBody(DateTimeOffset expires)
    {
        var body = CapturedNode("keystone-token.json");
        var token = body["token"]!;
        token["expires_at"] = expires.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.ffffffZ", CultureInfo.InvariantCulture);
        foreach (var service in token["catalog"]!.AsArray())
        {
            var url = service!["type"]!.GetValue<string>() switch
            {
                "compute" => Nova,
                "image" => Glance,
                "identity" => Keystone,
                "network" => Neutron,
                "volumev3" => Cinder,
                var other => $"http://{other}.test",
            };
            foreach (var endpoint in service["endpoints"]!.AsArray())
            {
                endpoint!["url"] = url;
            }
        }

        return body.ToJsonString();
    }

    public static string Server(string id, string name, string status = "ACTIVE", bool managed = true, string? task = null) => ServerNode(id, name, status, managed, task).ToJsonString();

    /// <summary>A real server (as Nova 2.79 shows it) with the id, name, state and metadata a test needs.</summary>
    public static JsonObject ServerNode(string id, string name, string status = "ACTIVE", bool managed = true, string? task = null)
    {
        var server = CapturedNode("nova-server.json")["server"]!.AsObject();
        server["id"] = id;
        server["name"] = name;
        server["status"] = status;
        server["OS-EXT-STS:task_state"] = task;
        server["OS-EXT-STS:vm_state"] = status switch
        {
            "ACTIVE" => "active",
            "SHUTOFF" => "stopped",
            "BUILD" => "building",
            var other => other.ToLowerInvariant(),
        };
        server["created"] = "2024-01-01T00:00:00Z";
        server["image"]!["id"] = CirrosId;
        server["metadata"] = managed ? new JsonObject { ["swarm.managed"] = "1", ["swarm.image"] = "cirros" } : new JsonObject();
        return (JsonObject)server.DeepClone();
    }

    public static string ServerEnvelope(string id, string name, string status = "ACTIVE") =>
        new JsonObject { ["server"] = ServerNode(id, name, status) }.ToJsonString();

    public static string Page(IEnumerable<JsonObject> servers, string? next = null)
    {
        var page = new JsonObject { ["servers"] = new JsonArray([.. servers]) };
        if (next is not null)
        {
            page["servers_links"] = new JsonArray(new JsonObject { ["rel"] = "next", ["href"] = next });
        }

        return page.ToJsonString();
    }

    /// <summary>Glance's answer to <c>GET /v2/images?name=cirros</c>, the image's id being <see cref="CirrosId"/>.</summary>
    public static string CirrosImages()
    {
        var body = CapturedNode("glance-images.json");
        foreach (var image in body["images"]!.AsArray())
        {
            image!["id"] = CirrosId;
            image["self"] = "/v2/images/" + CirrosId;
            image["file"] = $"/v2/images/{CirrosId}/file";
        }

        return body.ToJsonString();
    }

    /// <summary>Nova's <c>GET /flavors/detail</c> (m1.tiny is id 1, m1.small id 2, ...).</summary>
    public static string Flavors() => Captured("nova-flavors.json");

    /// <summary>Nova's 404 for a server it does not know.</summary>
    public static string ServerNotFound(string id) =>
        Captured("nova-server-404.json").Replace("00000000-0000-4000-8000-000000000000", id, StringComparison.Ordinal);

    /// <summary>Nova's 401 for a token it does not accept.</summary>
    public static string NovaUnauthorized => Captured("nova-401.json");

    /// <summary>Keystone's 401.</summary>
    public static string KeystoneUnauthorized => Captured("keystone-401.json");

    public static string Id(int i) => $"00000000-0000-4000-8000-{i:D12}";

    private static string Captured(string file)
    {
        using var stream = typeof(FakeCloud).Assembly.GetManifestResourceStream("Swarm.Tests.Openstack.Captured." + file)
            ?? throw new InvalidOperationException($"no captured answer {file}");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    private static JsonNode CapturedNode(string file) => JsonNode.Parse(Captured(file))!;
}
