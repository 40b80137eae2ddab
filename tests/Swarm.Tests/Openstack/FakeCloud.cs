using System.Globalization;
using System.Text.Json.Nodes;
using Flurl.Http.Testing;
using Microsoft.Extensions.Logging;
using Swarm.Backends.Openstack;
using Swarm.Backends.Openstack.Containers;
using Swarm.Backends.Openstack.Config;
using Swarm.Backends.Openstack.Http;

namespace Swarm.Tests.Openstack;

/// <summary>A cloud made of Flurl HttpTest answers: Keystone, Nova, Glance and Neutron at made-up hosts.</summary>
internal static class FakeCloud
{
    public const string Keystone = "http://keystone.test/v3";
    public const string Nova = "http://nova.test/v2.1";
    public const string Glance = "http://glance.test";
    public const string Neutron = "http://neutron.test";
    public const string Password = "s3cr3t-Pa55word";
    public const string CirrosId = "11111111-2222-3333-4444-555555555555";

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

        http.ForCallsTo(Nova + "/").RespondWith("""{"version": {"id": "v2.1", "status": "CURRENT", "version": "2.93", "min_version": "2.1"}}""");
    }

    public static string TokenBody(DateTimeOffset expires) => new JsonObject
    {
        ["token"] = new JsonObject
        {
            ["expires_at"] = expires.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.ffffffZ", CultureInfo.InvariantCulture),
            ["project"] = new JsonObject { ["id"] = "p1", ["name"] = "demo" },
            ["catalog"] = new JsonArray(
                Service("compute", Nova),
                Service("image", Glance),
                Service("network", Neutron),
                Service("identity", Keystone)),
        },
    }.ToJsonString();

    public static string Server(string id, string name, string status = "ACTIVE", bool managed = true, string? task = null) => ServerNode(id, name, status, managed, task).ToJsonString();

    public static JsonObject ServerNode(string id, string name, string status = "ACTIVE", bool managed = true, string? task = null)
    {
        var meta = new JsonObject();
        if (managed)
        {
            meta["swarm.managed"] = "1";
            meta["swarm.image"] = "cirros";
        }

        return new JsonObject
        {
            ["id"] = id,
            ["name"] = name,
            ["status"] = status,
            ["OS-EXT-STS:task_state"] = task,
            ["created"] = "2024-01-01T00:00:00Z",
            ["image"] = new JsonObject { ["id"] = CirrosId },
            ["flavor"] = new JsonObject { ["original_name"] = "m1.tiny", ["ram"] = 512, ["vcpus"] = 1 },
            ["metadata"] = meta,
        };
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

    public static string Id(int i) => $"00000000-0000-4000-8000-{i:D12}";

    private static JsonObject Service(string type, string url) => new()
    {
        ["type"] = type,
        ["name"] = type,
        ["endpoints"] = new JsonArray(new JsonObject { ["interface"] = "public", ["region"] = "RegionOne", ["region_id"] = "RegionOne", ["url"] = url }),
    };
}
