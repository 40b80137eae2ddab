using System.Text.Json.Nodes;
using Flurl.Http.Testing;
using Swarm.Backends.Openstack;
using Swarm.Backends.Openstack.Cloud;
using Swarm.Core.Beam;
using Swarm.Core.Containers;

namespace Swarm.Tests.Openstack;

/// <summary>
/// Name claims against recorded answers, for the turns a real cloud will not take on demand: two names whose claim
/// addresses collide, a claim lost during a slow create, a volume name another swarmd made meanwhile, a Cinder refusal
/// after the claim, and what start-up squares. The races themselves run against the real cloud (MultiProcessEndToEndTests).
/// </summary>
public sealed class NameClaimHttpTests
{
    private static readonly string ServerId = FakeCloud.Id(7);
    private static readonly string OtherId = FakeCloud.Id(8);
    private static readonly string VolumeId = FakeCloud.Id(21);
    private static readonly string OtherVolumeId = FakeCloud.Id(22);
    private static readonly DateTimeOffset Old = DateTimeOffset.UtcNow.AddHours(-1);
    private const string LeftPortId = "e1e1e1e1-0000-4000-8000-000000000001";
    private const string LeftGroupId = "e1e1e1e1-0000-4000-8000-0000000000a1";
    private const string LeftFipId = "e1e1e1e1-0000-4000-8000-0000000000f1";

    [Test]
    public void Mac_LocallyAdministeredUnicast_DifferentPerKindNameAndProbe()
    {
        var macs = new[]
        {
            NameClaims.Mac(ClaimKind.Container, "web", 0),
            NameClaims.Mac(ClaimKind.Container, "web", 1),
            NameClaims.Mac(ClaimKind.Network, "web", 0),
            NameClaims.Mac(ClaimKind.Container, "db", 0),
        };

        Assert.That(macs, Is.Unique);
        Assert.That(macs, Is.All.Match("^[0-9a-f]{2}(:[0-9a-f]{2}){5}$"));
        Assert.That(macs.Select(m => Convert.ToByte(m[..2], 16) & 0x03), Is.All.EqualTo(0x02), "locally administered, unicast");
        Assert.That(NameClaims.Mac(ClaimKind.Container, "web", 0), Is.EqualTo(macs[0]), "the same in every process");
    }

    [Test]
    public async Task Create_ClaimAddressHeldByAnotherName_NextAddressClaimed()
    {
        using var http = new HttpTest();
        var first = NameClaims.Mac(ClaimKind.Container, "web", 0);
        http.ForCallsTo(FakeCloud.Neutron + "/v2.0/ports").WithVerb(HttpMethod.Post).WithRequestBody($"*\"mac_address\":\"{first}\"*")
            .RespondWith("""{"NeutronError": {"type": "MacAddressInUse", "message": "The mac address is in use.", "detail": ""}}""", 409);
        http.ForCallsTo(FakeCloud.Neutron + "/v2.0/ports*").WithVerb(HttpMethod.Get).WithQueryParam("mac_address", first).RespondWith(
            $$$"""{"ports": [{"id": "c1a1c1a1-0000-4000-8000-0000000000f0", "name": "not-web", "description": "swarmd claim: container", "mac_address": "{{{first}}}", "created_at": "2024-01-01T00:00:00Z"}]}""");

        await CreateWebAsync(http);

        http.ShouldHaveCalled(FakeCloud.Neutron + "/v2.0/ports").WithVerb(HttpMethod.Post)
            .WithRequestBody($"*\"mac_address\":\"{NameClaims.Mac(ClaimKind.Container, "web", 1)}\"*").Times(1);
        Assert.That(http.CallLog.Where(c => c.Request.Verb == HttpMethod.Delete), Is.Empty, "the other name's claim stays");
        http.ShouldHaveCalled(FakeCloud.Nova + "/servers").WithVerb(HttpMethod.Post).WithRequestBody($"*\"swarm.claim\":\"{FakeCloud.ClaimPortId}\"*");
    }

    [Test]
    public async Task Create_ClaimTakenOverDuringASlowCreate_OwnServerAndPortsRemovedAndConflict()
    {
        using var http = new HttpTest();
        var mac = NameClaims.Mac(ClaimKind.Container, "web", 0);
        var time = new SteppingTime(DateTimeOffset.UtcNow, TimeSpan.FromSeconds(20));
        // The claim is granted; when it is checked after the create, another swarmd has taken it over and made "web".
        http.ForCallsTo(FakeCloud.Neutron + "/v2.0/ports").WithVerb(HttpMethod.Post).WithRequestBody("*swarmd claim: *")
            .RespondWith($$$"""{"port": {"id": "{{{FakeCloud.ClaimPortId}}}", "name": "web", "description": "swarmd claim: container"}}""", 201)
            .RespondWith("""{"NeutronError": {"type": "MacAddressInUse", "message": "The mac address is in use.", "detail": ""}}""", 409);
        http.ForCallsTo(FakeCloud.Neutron + "/v2.0/ports/" + FakeCloud.ClaimPortId).WithVerb(HttpMethod.Get)
            .RespondWith("""{"NeutronError": {"type": "PortNotFound", "message": "Port could not be found.", "detail": ""}}""", 404);
        http.ForCallsTo(FakeCloud.Neutron + "/v2.0/ports*").WithVerb(HttpMethod.Get).WithQueryParam("mac_address", mac).RespondWith(
            $$$"""{"ports": [{"id": "c1a1c1a1-0000-4000-8000-0000000000f1", "name": "web", "description": "swarmd claim: container", "mac_address": "{{{mac}}}", "created_at": "2024-01-01T00:00:00Z"}]}""");
        SetupCreate(http, FakeCloud.ServerNode(ServerId, "web", "BUILD"), FakeCloud.ServerNode(OtherId, "web", "BUILD"));
        http.ForCallsTo(FakeCloud.Nova + "/servers").WithVerb(HttpMethod.Post).RespondWith($$$"""{"server": {"id": "{{{ServerId}}}"}}""", 202);
        http.ForCallsTo(FakeCloud.Nova + "/servers/" + ServerId).WithVerb(HttpMethod.Delete).RespondWith("", 204);
        await using var host = FakeCloud.Host(time: time, options: new OpenstackOptions { PollInterval = TimeSpan.FromMilliseconds(1), ClaimTimeout = TimeSpan.FromSeconds(30) });

        var ex = Assert.ThrowsAsync<BeamException>(() => host.CreateAsync(new ContainerSpec { Name = "web", Image = "cirros" }, CancellationToken.None));

        Assert.That(ex!.Kind, Is.EqualTo(BeamErrorKind.Conflict));
        Assert.That(ex.Message, Does.Contain("\"/web\" is already in use by container \"" + OtherId));
        http.ShouldHaveCalled(FakeCloud.Nova + "/servers/" + ServerId).WithVerb(HttpMethod.Delete).Times(1);
    }

    [Test]
    public async Task Remove_ReleasesTheClaimTheServerNames()
    {
        using var http = new HttpTest();
        FakeCloud.Setup(http);
        var server = FakeCloud.ServerNode(ServerId, "web", "SHUTOFF");
        server["metadata"]!["swarm.claim"] = FakeCloud.ClaimPortId;
        http.ForCallsTo(FakeCloud.Nova + "/servers/" + ServerId).WithVerb(HttpMethod.Get)
            .RespondWith(new JsonObject { ["server"] = server }.ToJsonString())
            .RespondWith(FakeCloud.ServerNotFound(ServerId), 404);
        http.ForCallsTo(FakeCloud.Nova + "/servers/" + ServerId).WithVerb(HttpMethod.Delete).RespondWith("", 204);
        http.ForCallsTo(FakeCloud.Nova + "/servers/detail*").WithQueryParam("changes-since").RespondWith(FakeCloud.Page([FakeCloud.ServerNode(ServerId, "web", "DELETED")]));
        await using var host = FakeCloud.Host();

        var container = await host.ResolveAsync(ServerId, CancellationToken.None);
        await host.DeleteAsync(container, force: false, CancellationToken.None);

        http.ShouldHaveCalled(FakeCloud.Neutron + "/v2.0/ports/" + FakeCloud.ClaimPortId).WithVerb(HttpMethod.Delete).Times(1);
    }

    [Test]
    public async Task Rename_ClaimsTheNewNameRenamesRecordsItThenReleasesTheOld()
    {
        using var http = new HttpTest();
        const string oldClaim = "c1a1c1a1-0000-4000-8000-0000000000b0";
        FakeCloud.Setup(http);
        var server = FakeCloud.ServerNode(ServerId, "web");
        server["metadata"]!["swarm.claim"] = oldClaim;
        http.ForCallsTo(FakeCloud.Nova + "/servers/" + ServerId).WithVerb(HttpMethod.Get).RespondWith(new JsonObject { ["server"] = server }.ToJsonString());
        http.ForCallsTo(FakeCloud.Nova + "/servers/" + ServerId).WithVerb(HttpMethod.Put).RespondWith(new JsonObject { ["server"] = server.DeepClone() }.ToJsonString());
        http.ForCallsTo(FakeCloud.Nova + "/servers/" + ServerId + "/metadata/swarm.claim").WithVerb(HttpMethod.Put).RespondWith("""{"meta": {}}""");
        http.ForCallsTo(FakeCloud.Neutron + "/v2.0/ports/" + oldClaim).WithVerb(HttpMethod.Delete).RespondWith("", 204);
        await using var host = FakeCloud.Host();

        var container = await host.ResolveAsync(ServerId, CancellationToken.None);
        await host.RenameAsync(container, "api", CancellationToken.None);

        var calls = http.CallLog.Where(c => c.Request.Verb != HttpMethod.Get && !c.Request.Url.Path.EndsWith("/auth/tokens", StringComparison.Ordinal)).Select(c => $"{c.Request.Verb} {c.Request.Url.Path}").ToList();
        Assert.That(calls, Is.EqualTo(new[]
        {
            "POST /v2.0/ports",
            $"PUT /v2.1/servers/{ServerId}",
            $"PUT /v2.1/servers/{ServerId}/metadata/swarm.claim",
            $"DELETE /v2.0/ports/{oldClaim}",
        }).Using<string>((a, b) => string.CompareOrdinal(a, b)), string.Join("\n", calls));
        http.ShouldHaveCalled(FakeCloud.Neutron + "/v2.0/ports").WithVerb(HttpMethod.Post).WithRequestBody("*\"name\":\"api\"*");
    }

    [Test]
    public async Task Start_ClaimsNamesHeldWithoutOneAndRemovesStaleClaimsNothingHolds()
    {
        using var http = new HttpTest();
        const string staleId = "c1a1c1a1-0000-4000-8000-0000000000a1";
        const string youngId = "c1a1c1a1-0000-4000-8000-0000000000a2";
        var now = DateTimeOffset.UtcNow;
        http.ForCallsTo(FakeCloud.Neutron + "/v2.0/ports*").WithVerb(HttpMethod.Get).WithQueryParam("network_id", FakeCloud.ClaimsNetworkId).RespondWith(
            new JsonObject
            {
                ["ports"] = new JsonArray(
                    Claim(staleId, "gone", now.AddHours(-1)),
                    Claim(youngId, "being-made", now.AddSeconds(-2)),
                    Claim("c1a1c1a1-0000-4000-8000-0000000000a3", "held", now.AddHours(-1))),
            }.ToJsonString());
        http.ForCallsTo(FakeCloud.Neutron + "/v2.0/networks*").WithVerb(HttpMethod.Get).WithQueryParam("tags", "swarm.managed").RespondWith("""{"networks": []}""");
        http.ForCallsTo(FakeCloud.Cinder + "/volumes/detail*").RespondWith(Volumes(Volume(VolumeId, "legacy-data")));
        http.ForCallsTo(FakeCloud.Neutron + "/v2.0/ports/" + staleId).WithVerb(HttpMethod.Delete).RespondWith("", 204);
        FakeCloud.Setup(http);
        http.ForCallsTo(FakeCloud.Nova + "/servers/detail*").RespondWith(FakeCloud.Page([FakeCloud.ServerNode(ServerId, "held"), FakeCloud.ServerNode(OtherId, "legacy")]));
        var log = new ListLogger();
        await using var host = FakeCloud.Host(logger: log);

        await host.StartAsync(CancellationToken.None);
        await host.Reconciled;

        var deletes = http.CallLog.Where(c => c.Request.Verb == HttpMethod.Delete).Select(c => c.Request.Url.Path).ToList();
        Assert.That(deletes, Is.EqualTo(new[] { "/v2.0/ports/" + staleId }), "only the stale claim nothing holds goes:\n" + string.Join("\n", log.Lines));
        var claimed = http.CallLog.Where(c => c.Request.Verb == HttpMethod.Post && c.Request.Url.Path == "/v2.0/ports")
            .Select(c => JsonNode.Parse(c.RequestBody!)!["port"]!).Select(p => $"{p["description"]} {p["name"]}");
        Assert.That(claimed, Is.EquivalentTo(new[] { "swarmd claim: container legacy", "swarmd claim: volume legacy-data" }), "the server and the volume without a claim get one");
    }

    [Test]
    public async Task Create_StaleClaimLeftByAStoppedCreate_ItsUnboundPortGroupAndOwnFloatingIpSweptBeforeTheClaim()
    {
        using var http = new HttpTest();
        var stale = FakeCloud.ClaimTaken(http, "web", DateTimeOffset.UtcNow.AddMinutes(-10));
        LeftBehind(http, "web", [Port(LeftPortId, "web", group: LeftGroupId)], [Group(LeftGroupId, "web")], [OwnFloatingIp(LeftFipId, "web", forwardsTo: LeftPortId)]);
        var log = new ListLogger();

        var created = await CreateWebAsync(http, log);

        Assert.That(created, Is.EqualTo(ServerId));
        Assert.That(Deletes(http), Is.EqualTo(new[]
        {
            "/v2.0/ports/" + LeftPortId,
            "/v2.0/security-groups/" + LeftGroupId,
            "/v2.0/floatingips/" + LeftFipId,
            "/v2.0/ports/" + stale,
        }), "the port (its forwardings go with it), the group, the floating IP, then the stale claim");
        Assert.That(log.Lines, Has.Some.Contains("Removing what a create of container web left").And.Contains(LeftPortId).And.Contains(LeftGroupId).And.Contains("203.0.113.9"));
    }

    [Test]
    public async Task Create_StaleClaimAndResourcesBoundOrNotLeftByItsCreate_NothingButTheClaimRemoved()
    {
        using var http = new HttpTest();
        var stale = FakeCloud.ClaimTaken(http, "web", DateTimeOffset.UtcNow.AddMinutes(-10));
        var bound = Port("e1e1e1e1-0000-4000-8000-000000000002", "web", group: LeftGroupId, device: OtherId);
        var handMade = Port("e1e1e1e1-0000-4000-8000-000000000003", "web");
        handMade["description"] = "made by hand";
        var newer = Port("e1e1e1e1-0000-4000-8000-000000000004", "web", created: DateTimeOffset.UtcNow.AddHours(1));
        var networkGroup = Group("e1e1e1e1-0000-4000-8000-000000000005", "web");
        networkGroup["description"] = "swarmd: members of Docker network c-web reach each other";
        LeftBehind(http, "web", [bound, handMade, newer], [Group(LeftGroupId, "web"), networkGroup], []);

        await CreateWebAsync(http);

        Assert.That(Deletes(http), Is.EqualTo(new[] { "/v2.0/ports/" + stale }),
            "a port bound to a server, one swarmd did not make, one made since the claim was seen, the group a bound port has and a network's group of that name stay");
    }

    [Test]
    public async Task Create_StaleClaimAndOwnFloatingIpsInUseOrNewer_OnlyThePortAndGroupSwept()
    {
        using var http = new HttpTest();
        var stale = FakeCloud.ClaimTaken(http, "web", DateTimeOffset.UtcNow.AddMinutes(-10));
        var bound = Port("e1e1e1e1-0000-4000-8000-000000000002", "web", device: OtherId);
        var associated = OwnFloatingIp(LeftFipId, "web");
        associated["port_id"] = bound["id"]!.GetValue<string>();
        var newer = OwnFloatingIp("e1e1e1e1-0000-4000-8000-0000000000f3", "web");
        newer["created_at"] = Stamp(DateTimeOffset.UtcNow.AddHours(1));
        LeftBehind(http, "web", [Port(LeftPortId, "web", group: LeftGroupId), bound], [Group(LeftGroupId, "web")],
            [associated, OwnFloatingIp("e1e1e1e1-0000-4000-8000-0000000000f2", "web", forwardsTo: bound["id"]!.GetValue<string>()), newer]);

        await CreateWebAsync(http);

        Assert.That(Deletes(http), Is.EqualTo(new[] { "/v2.0/ports/" + LeftPortId, "/v2.0/security-groups/" + LeftGroupId, "/v2.0/ports/" + stale }),
            "a floating IP associated with a port, one forwarding to a bound port and one made since the claim was seen stay");
    }

    [Test]
    public async Task Create_StaleClaimAndNeutronWillNotListWhatItsCreateLeft_LoggedAndTheCreateGoesOn()
    {
        using var http = new HttpTest();
        var stale = FakeCloud.ClaimTaken(http, "web", DateTimeOffset.UtcNow.AddMinutes(-10));
        http.ForCallsTo(FakeCloud.Neutron + "/v2.0/security-groups*").WithVerb(HttpMethod.Get)
            .RespondWith("""{"NeutronError": {"type": "HTTPForbidden", "message": "Access was denied to this resource.", "detail": ""}}""", 403);
        LeftBehind(http, "web", [Port(LeftPortId, "web")], [], []);
        var log = new ListLogger();

        var created = await CreateWebAsync(http, log);

        Assert.That(created, Is.EqualTo(ServerId));
        Assert.That(Deletes(http), Is.EqualTo(new[] { "/v2.0/ports/" + stale }), "nothing is removed on half an answer; the stale claim is taken over");
        Assert.That(log.Lines, Has.Some.Contains("Could not remove what a create of container web left"));
    }

    [Test]
    public async Task Start_StaleClaimNothingHolds_WhatItsCreateLeftSweptThenTheClaimRemoved()
    {
        using var http = new HttpTest();
        const string staleId = "c1a1c1a1-0000-4000-8000-0000000000a1";
        http.ForCallsTo(FakeCloud.Neutron + "/v2.0/ports*").WithVerb(HttpMethod.Get).WithQueryParam("network_id", FakeCloud.ClaimsNetworkId)
            .RespondWith(new JsonObject { ["ports"] = new JsonArray(Claim(staleId, "gone", DateTimeOffset.UtcNow.AddHours(-1))) }.ToJsonString());
        LeftBehind(http, "gone", [Port(LeftPortId, "gone", group: LeftGroupId)], [Group(LeftGroupId, "gone")], []);
        http.ForCallsTo(FakeCloud.Neutron + "/v2.0/ports/" + staleId).WithVerb(HttpMethod.Delete).RespondWith("", 204);
        http.ForCallsTo(FakeCloud.Neutron + "/v2.0/networks*").WithVerb(HttpMethod.Get).WithQueryParam("tags", "swarm.managed").RespondWith("""{"networks": []}""");
        http.ForCallsTo(FakeCloud.Cinder + "/volumes/detail*").RespondWith(Volumes());
        FakeCloud.Setup(http);
        http.ForCallsTo(FakeCloud.Nova + "/servers/detail*").RespondWith(FakeCloud.Page([]));
        var log = new ListLogger();
        await using var host = FakeCloud.Host(logger: log);

        await host.StartAsync(CancellationToken.None);
        await host.Reconciled;

        Assert.That(Deletes(http), Is.EqualTo(new[] { "/v2.0/ports/" + LeftPortId, "/v2.0/security-groups/" + LeftGroupId, "/v2.0/ports/" + staleId }),
            string.Join("\n", log.Lines));
    }

    [Test]
    public async Task VolumeCreate_ClaimsTheNameFirstAndRecordsTheClaimInTheVolume()
    {
        using var http = new HttpTest();
        FakeCloud.Setup(http);
        http.ForCallsTo(FakeCloud.Cinder + "/volumes/detail*").RespondWith(Volumes());
        http.ForCallsTo(FakeCloud.Cinder + "/volumes").WithVerb(HttpMethod.Post)
            .RespondWith(new JsonObject { ["volume"] = Volume(VolumeId, "data", FakeCloud.ClaimPortId) }.ToJsonString(), 202);
        await using var host = FakeCloud.Host();

        var volume = await host.CreateVolumeAsync(new VolumeSpec { Name = "data" }, CancellationToken.None);

        Assert.That(volume.Name, Is.EqualTo("data"));
        var posts = http.CallLog.Where(c => c.Request.Verb == HttpMethod.Post && !c.Request.Url.Path.EndsWith("/auth/tokens", StringComparison.Ordinal)).Select(c => c.Request.Url.ToString()).ToList();
        Assert.That(posts, Is.EqualTo(new[] { FakeCloud.Neutron + "/v2.0/ports", FakeCloud.Cinder + "/volumes" }), "the claim comes before the Cinder volume");
        http.ShouldHaveCalled(FakeCloud.Neutron + "/v2.0/ports").WithVerb(HttpMethod.Post)
            .WithRequestBody($"*\"mac_address\":\"{NameClaims.Mac(ClaimKind.Volume, "data", 0)}\"*").WithRequestBody("*\"description\":\"swarmd claim: volume\"*").Times(1);
        http.ShouldHaveCalled(FakeCloud.Cinder + "/volumes").WithVerb(HttpMethod.Post).WithRequestBody($"*\"swarm.claim\":\"{FakeCloud.ClaimPortId}\"*");
    }

    [Test]
    public async Task VolumeCreate_CinderRefuses_ClaimReleased()
    {
        using var http = new HttpTest();
        FakeCloud.Setup(http);
        http.ForCallsTo(FakeCloud.Cinder + "/volumes/detail*").RespondWith(Volumes());
        http.ForCallsTo(FakeCloud.Cinder + "/volumes").WithVerb(HttpMethod.Post)
            .RespondWith("""{"overLimit": {"code": 413, "message": "VolumeSizeExceedsAvailableQuota: Requested volume or snapshot exceeds allowed gigabytes quota.", "retryAfter": "0"}}""", 413);
        await using var host = FakeCloud.Host();

        var ex = Assert.ThrowsAsync<BeamException>(() => host.CreateVolumeAsync(new VolumeSpec { Name = "data" }, CancellationToken.None));

        Assert.That(ex!.Message, Does.Contain("quota"));
        http.ShouldHaveCalled(FakeCloud.Neutron + "/v2.0/ports/" + FakeCloud.ClaimPortId).WithVerb(HttpMethod.Delete).Times(1);
    }

    [Test]
    public async Task VolumeCreate_AnotherSwarmdMadeTheNameMeanwhile_ThatVolumeAnsweredAndItsClaimKept()
    {
        using var http = new HttpTest();
        FakeCloud.ClaimTaken(http, "data", DateTimeOffset.UtcNow.AddSeconds(-1), ClaimKind.Volume);
        FakeCloud.Setup(http);
        // Not there when this swarmd looks, there when its claim meets the other's.
        http.ForCallsTo(FakeCloud.Cinder + "/volumes/detail*").RespondWith(Volumes()).RespondWith(Volumes(Volume(OtherVolumeId, "data")));
        await using var host = FakeCloud.Host();

        var volume = await host.CreateVolumeAsync(new VolumeSpec { Name = "data" }, CancellationToken.None);

        Assert.That(volume.Status["cinder_id"], Is.EqualTo(OtherVolumeId));
        Assert.That(http.CallLog.Where(c => c.Request.Verb == HttpMethod.Post && c.Request.Url.ToString() == FakeCloud.Cinder + "/volumes"), Is.Empty, "no second volume is made");
        Assert.That(http.CallLog.Where(c => c.Request.Verb == HttpMethod.Delete), Is.Empty, "the other swarmd's claim stays");
    }

    [Test]
    public async Task VolumeCreate_AnotherSwarmdBetweenItsClaimAndItsVolume_WaitsAndAnswersThatVolume()
    {
        using var http = new HttpTest();
        var mac = NameClaims.Mac(ClaimKind.Volume, "data", 0);
        http.ForCallsTo(FakeCloud.Neutron + "/v2.0/ports").WithVerb(HttpMethod.Post).WithRequestBody($"*\"mac_address\":\"{mac}\"*")
            .RespondWith("""{"NeutronError": {"type": "MacAddressInUse", "message": "The mac address is in use.", "detail": ""}}""", 409);
        http.ForCallsTo(FakeCloud.Neutron + "/v2.0/ports*").WithVerb(HttpMethod.Get).WithQueryParam("mac_address", mac).RespondWith(
            $$$"""{"ports": [{"id": "c1a1c1a1-0000-4000-8000-0000000000f2", "name": "data", "description": "swarmd claim: volume", "mac_address": "{{{mac}}}", "created_at": "{{{DateTimeOffset.UtcNow.UtcDateTime:yyyy-MM-ddTHH:mm:ssZ}}}"}]}""");
        FakeCloud.Setup(http);
        // Not there when this swarmd looks, nor when its claim first meets the other's; there a moment later.
        http.ForCallsTo(FakeCloud.Cinder + "/volumes/detail*").RespondWith(Volumes()).RespondWith(Volumes()).RespondWith(Volumes(Volume(OtherVolumeId, "data")));
        await using var host = FakeCloud.Host();

        var volume = await host.CreateVolumeAsync(new VolumeSpec { Name = "data" }, CancellationToken.None);

        Assert.That(volume.Status["cinder_id"], Is.EqualTo(OtherVolumeId));
        Assert.That(http.CallLog.Where(c => c.Request.Verb == HttpMethod.Post && c.Request.Url.ToString() == FakeCloud.Cinder + "/volumes"), Is.Empty, "no second volume is made");
    }

    [Test]
    public async Task VolumeRemove_ReleasesTheClaimTheVolumeRecords()
    {
        using var http = new HttpTest();
        const string claim = "c1a1c1a1-0000-4000-8000-0000000000d0";
        FakeCloud.Setup(http);
        http.ForCallsTo(FakeCloud.Cinder + "/volumes/detail*").RespondWith(Volumes(Volume(VolumeId, "data", claim))).RespondWith(Volumes());
        http.ForCallsTo(FakeCloud.Nova + "/servers/detail*").RespondWith(FakeCloud.Page([]));
        http.ForCallsTo(FakeCloud.Cinder + "/volumes/" + VolumeId).WithVerb(HttpMethod.Delete).RespondWith("", 202);
        http.ForCallsTo(FakeCloud.Neutron + "/v2.0/ports/" + claim).WithVerb(HttpMethod.Delete).RespondWith("", 204);
        await using var host = FakeCloud.Host();

        await host.DeleteVolumeAsync("data", force: false, CancellationToken.None);

        var deletes = http.CallLog.Where(c => c.Request.Verb == HttpMethod.Delete).Select(c => c.Request.Url.ToString());
        Assert.That(deletes, Is.EqualTo(new[] { FakeCloud.Cinder + "/volumes/" + VolumeId, FakeCloud.Neutron + "/v2.0/ports/" + claim }), "the volume, then its claim");
    }

    // docker run --name web cirros, Nova making the server.
    private static async Task<string> CreateWebAsync(HttpTest http, ListLogger? log = null)
    {
        SetupCreate(http);
        http.ForCallsTo(FakeCloud.Nova + "/servers").WithVerb(HttpMethod.Post).RespondWith($$$"""{"server": {"id": "{{{ServerId}}}"}}""", 202);
        await using var host = FakeCloud.Host(logger: log);
        return (await host.CreateAsync(new ContainerSpec { Name = "web", Image = "cirros" }, CancellationToken.None)).Id;
    }

    // What a create of `name` made before POST /servers, as Neutron lists it to the sweep (and removes it).
    private static void LeftBehind(HttpTest http, string name, JsonObject[] ports, JsonObject[] groups, JsonObject[] floatingIps)
    {
        http.ForCallsTo(FakeCloud.Neutron + "/v2.0/ports*").WithVerb(HttpMethod.Get).WithQueryParam("name", name)
            .RespondWith(new JsonObject { ["ports"] = new JsonArray([.. ports]) }.ToJsonString());
        http.ForCallsTo(FakeCloud.Neutron + "/v2.0/security-groups*").WithVerb(HttpMethod.Get).WithQueryParam("name", "swarm-c-" + name)
            .RespondWith(new JsonObject { ["security_groups"] = new JsonArray([.. groups]) }.ToJsonString());
        http.ForCallsTo(FakeCloud.Neutron + "/v2.0/floatingips*").WithVerb(HttpMethod.Get).WithQueryParam("tags", "swarm.own")
            .RespondWith(new JsonObject { ["floatingips"] = new JsonArray([.. floatingIps]) }.ToJsonString());
        http.ForCallsTo(FakeCloud.Neutron + "/v2.0/ports/*").WithVerb(HttpMethod.Delete).RespondWith("", 204);
        http.ForCallsTo(FakeCloud.Neutron + "/v2.0/security-groups/*").WithVerb(HttpMethod.Delete).RespondWith("", 204);
        http.ForCallsTo(FakeCloud.Neutron + "/v2.0/floatingips/*").WithVerb(HttpMethod.Delete).RespondWith("", 204);
    }

    private static List<string> Deletes(HttpTest http) => [.. http.CallLog.Where(c => c.Request.Verb == HttpMethod.Delete).Select(c => c.Request.Url.Path)];

    private static JsonObject Port(string id, string container, string? group = null, string device = "", DateTimeOffset? created = null) => new()
    {
        ["id"] = id,
        ["name"] = container,
        ["description"] = $"swarmd: container {container} on Docker network front",
        ["network_id"] = "f0f0f0f0-0000-4000-8000-000000000001",
        ["device_id"] = device,
        ["device_owner"] = device.Length > 0 ? "compute:nova" : "",
        ["security_groups"] = group is null ? new JsonArray() : new JsonArray(group),
        ["created_at"] = Stamp(created ?? Old),
    };

    private static JsonObject Group(string id, string container) => new()
    {
        ["id"] = id,
        ["name"] = "swarm-c-" + container,
        ["description"] = "swarmd: published ports of container " + container,
        ["created_at"] = Stamp(Old),
    };

    private static JsonObject OwnFloatingIp(string id, string container, string? forwardsTo = null) => new()
    {
        ["id"] = id,
        ["floating_ip_address"] = "203.0.113.9",
        ["port_id"] = null,
        ["description"] = "swarmd: floating IP of container " + container,
        ["tags"] = new JsonArray("swarm.own"),
        ["created_at"] = Stamp(Old),
        ["port_forwardings"] = forwardsTo is null
            ? new JsonArray()
            : new JsonArray(new JsonObject { ["protocol"] = "tcp", ["internal_port_id"] = forwardsTo, ["internal_port"] = 80, ["external_port"] = 8080 }),
    };

    private static string Stamp(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", System.Globalization.CultureInfo.InvariantCulture);

    private static string Volumes(params JsonObject[] volumes) => new JsonObject { ["volumes"] = new JsonArray([.. volumes]) }.ToJsonString();

    // A volume swarmd made, as Cinder 3.x shows it.
    private static JsonObject Volume(string id, string name, string? claim = null)
    {
        var metadata = new JsonObject { ["swarm.managed"] = "1" };
        if (claim is not null)
        {
            metadata["swarm.claim"] = claim;
        }

        return new JsonObject
        {
            ["id"] = id,
            ["name"] = name,
            ["status"] = "available",
            ["size"] = 1,
            ["volume_type"] = "lvmdriver-1",
            ["multiattach"] = false,
            ["metadata"] = metadata,
            ["attachments"] = new JsonArray(),
            ["created_at"] = "2024-01-01T00:00:00.000000",
        };
    }

    private static JsonObject Claim(string id, string name, DateTimeOffset created) => new()
    {
        ["id"] = id,
        ["name"] = name,
        ["description"] = "swarmd claim: container",
        ["network_id"] = FakeCloud.ClaimsNetworkId,
        ["created_at"] = created.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", System.Globalization.CultureInfo.InvariantCulture),
    };

    private static void SetupCreate(HttpTest http, params JsonObject[] existing)
    {
        FakeCloud.Setup(http);
        http.ForCallsTo(FakeCloud.Glance + "/v2/images*").WithQueryParam("name", "cirros").RespondWith(FakeCloud.CirrosImages());
        http.ForCallsTo(FakeCloud.Nova + "/flavors/detail*").RespondWith(FakeCloud.Flavors());
        http.ForCallsTo(FakeCloud.Nova + "/servers/detail*").RespondWith(FakeCloud.Page(existing));
    }

    // A clock that moves on by a step each time it is read: every call seems to take that long.
    private sealed class SteppingTime(DateTimeOffset start, TimeSpan step) : TimeProvider
    {
        private long _reads;

        public override DateTimeOffset GetUtcNow() => start + (step * Interlocked.Increment(ref _reads));
    }
}
