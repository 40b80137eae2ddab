using System.Text.Json.Nodes;
using Flurl.Http.Testing;
using Swarm.Backends.Openstack.Containers;
using Swarm.Core.Beam;
using Swarm.Core.Containers;

namespace Swarm.Tests.Openstack;

/// <summary>The Neutron calls behind Docker networks, against recorded answers: what is made, in what order, and what is undone.</summary>
public sealed class NeutronHttpTests
{
    private const string NetworkId = "aaaaaaaa-0000-4000-8000-000000000001";
    private const string PortId = "bbbbbbbb-0000-4000-8000-000000000001";
    private const string GroupId = "cccccccc-0000-4000-8000-000000000001";
    private static readonly string ServerId = FakeCloud.Id(7);

    [Test]
    public async Task Create_NovaRefusesTheServer_PortAndNameClaimRemovedAgain()
    {
        using var http = new HttpTest();
        SetupCreate(http);
        http.ForCallsTo(FakeCloud.Nova + "/servers").WithVerb(HttpMethod.Post)
            .RespondWith("""{"badRequest": {"code": 400, "message": "The requested availability zone is not available"}}""", 400);
        await using var host = FakeCloud.Host();

        var ex = Assert.ThrowsAsync<BeamException>(() => host.CreateAsync(OnNetwork("web"), CancellationToken.None));

        Assert.That(ex!.Kind, Is.EqualTo(BeamErrorKind.Invalid));
        Assert.That(ex.Message, Does.Contain("availability zone"));
        http.ShouldHaveCalled(FakeCloud.Neutron + "/v2.0/ports").WithVerb(HttpMethod.Post).WithRequestBody($"*\"network_id\":\"{NetworkId}\"*").Times(1);
        http.ShouldHaveCalled(FakeCloud.Neutron + "/v2.0/ports/" + PortId).WithVerb(HttpMethod.Delete).Times(1);
        http.ShouldHaveCalled(FakeCloud.Neutron + "/v2.0/ports/" + FakeCloud.ClaimPortId).WithVerb(HttpMethod.Delete).Times(1);
    }

    [Test]
    public async Task Create_OnNetwork_PortMadeWithAddressAndGroupThenHandedToNova()
    {
        using var http = new HttpTest();
        SetupCreate(http);
        http.ForCallsTo(FakeCloud.Nova + "/servers").WithVerb(HttpMethod.Post).RespondWith($$$"""{"server": {"id": "{{{ServerId}}}"}}""", 202);
        await using var host = FakeCloud.Host();

        var created = await host.CreateAsync(OnNetwork("web", "10.40.0.9"), CancellationToken.None);

        http.ShouldHaveCalled(FakeCloud.Neutron + "/v2.0/ports").WithVerb(HttpMethod.Post)
            .WithRequestBody($"*\"network_id\":\"{NetworkId}\"*").WithRequestBody("*\"ip_address\":\"10.40.0.9\"*").WithRequestBody($"*\"security_groups\":[\"{GroupId}\"]*");
        http.ShouldHaveCalled(FakeCloud.Nova + "/servers").WithVerb(HttpMethod.Post)
            .WithRequestBody($"*\"networks\":[{{\"port\":\"{PortId}\"}}]*").WithRequestBody("*\"swarm.nets\":*");
        var endpoint = created.Record.Networks.Single();
        Assert.That((endpoint.Network, endpoint.NetworkId, endpoint.EndpointId, endpoint.IPAddress, endpoint.IPPrefixLen, endpoint.Gateway),
            Is.EqualTo(("proj_default", NetworkId, PortId, "10.40.0.9", 24, "10.40.0.1")));
        Assert.That(endpoint.Aliases, Is.EqualTo(new[] { "web" }));
        http.ShouldNotHaveCalled(FakeCloud.Neutron + "/v2.0/ports/*");
    }

    [Test]
    public async Task Create_NoNetwork_OnlyTheNameClaimGoesToNeutronAndNetworksNone()
    {
        using var http = new HttpTest();
        SetupCreate(http);
        http.ForCallsTo(FakeCloud.Nova + "/servers").WithVerb(HttpMethod.Post).RespondWith($$$"""{"server": {"id": "{{{ServerId}}}"}}""", 202);
        await using var host = FakeCloud.Host();

        await host.CreateAsync(new ContainerSpec { Name = "plain", Image = "cirros", NetworkMode = "default" }, CancellationToken.None);

        http.ShouldHaveCalled(FakeCloud.Nova + "/servers").WithVerb(HttpMethod.Post).WithRequestBody("*\"networks\":\"none\"*");
        http.ShouldHaveCalled(FakeCloud.Neutron + "/v2.0/ports").WithVerb(HttpMethod.Post).WithRequestBody("*\"name\":\"plain\"*").Times(1);
        Assert.That(FakeCloud.NonClaimNeutronCalls(http), Is.Empty);
    }

    [Test]
    public async Task CreateNetwork_SubnetOverQuota_NetworkGroupAndNameClaimRemovedNewestFirst()
    {
        using var http = new HttpTest();
        FakeCloud.Setup(http);
        http.ForCallsTo(FakeCloud.Neutron + "/v2.0/networks").WithVerb(HttpMethod.Get).RespondWith("""{"networks": []}""");
        http.ForCallsTo(FakeCloud.Neutron + "/v2.0/security-groups").WithVerb(HttpMethod.Get).RespondWith("""{"security_groups": []}""");
        http.ForCallsTo(FakeCloud.Neutron + "/v2.0/security-groups").WithVerb(HttpMethod.Post)
            .RespondWith($$$"""{"security_group": {"id": "{{{GroupId}}}", "name": "swarm-n"}}""", 201);
        http.ForCallsTo(FakeCloud.Neutron + "/v2.0/security-group-rules").WithVerb(HttpMethod.Post).RespondWith("""{"security_group_rules": []}""", 201);
        http.ForCallsTo(FakeCloud.Neutron + "/v2.0/networks").WithVerb(HttpMethod.Post)
            .RespondWith($$$"""{"network": {"id": "{{{NetworkId}}}", "name": "n", "subnets": [], "tags": []}}""", 201);
        http.ForCallsTo(FakeCloud.Neutron + "/v2.0/subnets").WithVerb(HttpMethod.Post)
            .RespondWith("""{"NeutronError": {"type": "OverQuota", "message": "Quota exceeded for resources: ['subnet'].", "detail": ""}}""", 409);
        http.ForCallsTo(FakeCloud.Neutron + "/v2.0/networks/" + NetworkId).WithVerb(HttpMethod.Delete).RespondWith("", 204);
        http.ForCallsTo(FakeCloud.Neutron + "/v2.0/security-groups/" + GroupId).WithVerb(HttpMethod.Delete).RespondWith("", 204);
        await using var host = FakeCloud.Host();

        var ex = Assert.ThrowsAsync<BeamException>(() => host.CreateNetworkAsync(new NetworkSpec { Name = "n" }, CancellationToken.None));

        Assert.That(ex!.Kind, Is.EqualTo(BeamErrorKind.Unavailable));
        Assert.That(ex.Message, Does.Contain("quota is used up").And.Contain("Quota exceeded for resources: ['subnet']"));
        var deletes = http.CallLog.Where(c => c.Request.Verb == HttpMethod.Delete).Select(c => c.Request.Url.Path).ToList();
        Assert.That(deletes, Is.EqualTo(new[] { "/v2.0/networks/" + NetworkId, "/v2.0/security-groups/" + GroupId, "/v2.0/ports/" + FakeCloud.ClaimPortId }));
        http.ShouldNotHaveCalled(FakeCloud.Neutron + "/v2.0/networks/" + NetworkId + "/tags");
    }

    [Test]
    public async Task List_Networks_OneNeutronCallNoPerNetworkCalls()
    {
        using var http = new HttpTest();
        FakeCloud.Setup(http);
        var networks = new JsonArray([.. Enumerable.Range(0, 20).Select(i => ManagedNetwork($"aaaaaaaa-0000-4000-8000-0000000000{i:D2}", $"net{i}", $"10.50.{i}.0/24"))]);
        http.ForCallsTo(FakeCloud.Neutron + "/v2.0/networks*").WithQueryParam("tags", NetworkState.ManagedTag).RespondWith(new JsonObject { ["networks"] = networks }.ToJsonString());
        await using var host = FakeCloud.Host();

        var listed = await host.ListNetworksAsync(CancellationToken.None);

        Assert.That(listed.Select(n => n.Name), Is.SupersetOf(new[] { "bridge", "none", "net0", "net19" }));
        Assert.That(listed.Single(n => n.Name == "net7").Ipam.Config.Single().Subnet, Is.EqualTo("10.50.7.0/24"));
        Assert.That(host.NetworkCalls, Is.EqualTo(1));
    }

    private static ContainerSpec OnNetwork(string name, string? address = null) => new()
    {
        Name = name,
        Image = "cirros",
        NetworkMode = "proj_default",
        Networks = [new EndpointSpec { Network = "proj_default", Aliases = ["web"], IPv4Address = address }],
    };

    private static JsonObject ManagedNetwork(string id, string name, string subnet)
    {
        var tags = NetworkState.Of(
            new NetworkSpec { Name = name, Ipam = new NetworkIpam { Config = [new IpamConfig { Subnet = subnet }] } },
            [new IpamConfig { Subnet = subnet, Gateway = Cidr.Parse(subnet).At(1).ToString() }],
            GroupId).ToTags();
        return new JsonObject
        {
            ["id"] = id,
            ["name"] = name,
            ["subnets"] = new JsonArray("dddddddd-0000-4000-8000-000000000001"),
            ["tags"] = new JsonArray([.. tags.Select(t => (JsonNode)t)]),
            ["created_at"] = "2026-01-01T00:00:00Z",
        };
    }

    private static void SetupCreate(HttpTest http)
    {
        FakeCloud.Setup(http);
        http.ForCallsTo(FakeCloud.Glance + "/v2/images*").WithQueryParam("name", "cirros").RespondWith(
            $$$"""{"images": [{"id": "{{{FakeCloud.CirrosId}}}", "name": "cirros", "status": "active", "created_at": "2024-01-01T00:00:00Z"}]}""");
        http.ForCallsTo(FakeCloud.Nova + "/flavors/detail*").RespondWith("""{"flavors": [{"id": "1", "name": "m1.tiny", "ram": 512, "vcpus": 1, "disk": 1}]}""");
        http.ForCallsTo(FakeCloud.Nova + "/servers/detail*").RespondWith(FakeCloud.Page([]));
        http.ForCallsTo(FakeCloud.Neutron + "/v2.0/networks*").WithQueryParam("name", "proj_default")
            .RespondWith(new JsonObject { ["networks"] = new JsonArray(ManagedNetwork(NetworkId, "proj_default", "10.40.0.0/24")) }.ToJsonString());
        http.ForCallsTo(FakeCloud.Neutron + "/v2.0/subnets*").RespondWith(
            $$$"""{"subnets": [{"id": "dddddddd-0000-4000-8000-000000000001", "network_id": "{{{NetworkId}}}", "cidr": "10.40.0.0/24", "gateway_ip": "10.40.0.1", "ip_version": 4}]}""");
        http.ForCallsTo(FakeCloud.Neutron + "/v2.0/ports").WithVerb(HttpMethod.Post).RespondWith(
            $$$"""{"port": {"id": "{{{PortId}}}", "network_id": "{{{NetworkId}}}", "mac_address": "fa:16:3e:00:00:01", "fixed_ips": [{"subnet_id": "dddddddd-0000-4000-8000-000000000001", "ip_address": "10.40.0.9"}]}}""", 201);
        http.ForCallsTo(FakeCloud.Neutron + "/v2.0/ports/" + PortId).WithVerb(HttpMethod.Delete).RespondWith("", 204);
    }
}
