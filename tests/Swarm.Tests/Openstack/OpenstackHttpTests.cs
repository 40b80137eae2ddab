using Flurl.Http.Testing;
using Swarm.Backends.Openstack;
using Swarm.Backends.Openstack.Containers;
using Swarm.Core.Beam;
using Swarm.Core.Containers;

namespace Swarm.Tests.Openstack;

/// <summary>What a real cloud will not do on demand, through Flurl's HttpTest: failures, retries, limits, tokens.</summary>
[NonParallelizable]
public sealed class OpenstackHttpTests
{
    private static readonly string ServerId = FakeCloud.Id(1);

    [Test]
    public async Task List_100Servers_OneNovaCallAndNoPerServerCalls()
    {
        using var http = new HttpTest();
        FakeCloud.Setup(http);
        http.ForCallsTo(FakeCloud.Nova + "/servers/detail*")
            .RespondWith(FakeCloud.Page(Enumerable.Range(1, 100).Select(i => FakeCloud.ServerNode(FakeCloud.Id(i), $"c{i}"))));
        await using var host = FakeCloud.Host();

        var list = await host.ListAsync(CancellationToken.None);
        await host.ListAsync(CancellationToken.None);

        Assert.That(list, Has.Count.EqualTo(100));
        Assert.That(list[0].Image, Is.EqualTo("cirros"));
        Assert.That(list[0].Details["flavor"], Is.EqualTo("m1.tiny"));
        http.ShouldHaveCalled(FakeCloud.Nova + "/servers/detail*").Times(2);
        http.ShouldHaveCalled(FakeCloud.Keystone + "/auth/tokens").Times(1);
        http.ShouldNotHaveCalled(FakeCloud.Nova + "/servers/0*");
        http.ShouldNotHaveCalled(FakeCloud.Nova + "/flavors*");
        http.ShouldNotHaveCalled(FakeCloud.Glance + "*");
    }

    [Test]
    public async Task List_TwoPages_FollowsNextLinkOneCallPerPage()
    {
        using var http = new HttpTest();
        FakeCloud.Setup(http);
        var next = FakeCloud.Nova + "/servers/detail?marker=" + FakeCloud.Id(60);
        http.ForCallsTo(FakeCloud.Nova + "/servers/detail").WithQueryParam("marker")
            .RespondWith(FakeCloud.Page(Enumerable.Range(61, 40).Select(i => FakeCloud.ServerNode(FakeCloud.Id(i), $"c{i}"))));
        http.ForCallsTo(FakeCloud.Nova + "/servers/detail*")
            .RespondWith(FakeCloud.Page(Enumerable.Range(1, 60).Select(i => FakeCloud.ServerNode(FakeCloud.Id(i), $"c{i}")), next));
        await using var host = FakeCloud.Host();

        var list = await host.ListAsync(CancellationToken.None);

        Assert.That(list, Has.Count.EqualTo(100));
        http.ShouldHaveCalled(FakeCloud.Nova + "/servers/detail*").Times(2);
    }

    [Test]
    public async Task List_UnmanagedServers_HiddenUnlessAllServers()
    {
        using var http = new HttpTest();
        FakeCloud.Setup(http);
        http.ForCallsTo(FakeCloud.Nova + "/servers/detail*").RespondWith(FakeCloud.Page([
            FakeCloud.ServerNode(FakeCloud.Id(1), "mine"), FakeCloud.ServerNode(FakeCloud.Id(2), "theirs", managed: false)]));
        http.ForCallsTo(FakeCloud.Glance + "/v2/images*").RespondWith(
            FakeCloud.CirrosImages());
        await using var managedOnly = FakeCloud.Host();
        await using var all = FakeCloud.Host(options: new Swarm.Backends.Openstack.OpenstackOptions { AllServers = true });

        var mine = await managedOnly.ListAsync(CancellationToken.None);
        var everything = await all.ListAsync(CancellationToken.None);

        Assert.That(mine.Select(c => c.Name), Is.EqualTo(new[] { "mine" }));
        Assert.That(everything.Select(c => c.Name), Is.EquivalentTo(new[] { "mine", "theirs" }));
        Assert.That(everything.Single(c => c.Name == "theirs").Image, Is.EqualTo("cirros"));
    }

    [Test]
    public async Task Requests_SendNovaMicroversionHeaders()
    {
        using var http = new HttpTest();
        FakeCloud.Setup(http);
        http.ForCallsTo(FakeCloud.Nova + "/servers/detail*").RespondWith(FakeCloud.Page([]));
        await using var host = FakeCloud.Host();

        await host.ListAsync(CancellationToken.None);

        http.ShouldHaveCalled(FakeCloud.Nova + "/servers/detail*")
            .WithHeader("OpenStack-API-Version", "compute 2.79")
            .WithHeader("X-OpenStack-Nova-API-Version", "2.79")
            .WithHeader("X-Auth-Token", "token-1");
    }

    [Test]
    public async Task Get_500ThenOk_RetriedWithBackoff()
    {
        using var http = new HttpTest();
        FakeCloud.Setup(http);
        http.ForCallsTo(FakeCloud.Nova + "/servers/" + ServerId)
            .RespondWith("{\"computeFault\": {\"code\": 500, \"message\": \"boom\"}}", 500)
            .RespondWith("oops", 503)
            .RespondWith(FakeCloud.ServerEnvelope(ServerId, "web"));
        var delays = new List<TimeSpan>();
        await using var host = FakeCloud.Host(delays);

        var record = (await host.ResolveAsync(ServerId, CancellationToken.None)).Record;

        Assert.That(record.Name, Is.EqualTo("web"));
        http.ShouldHaveCalled(FakeCloud.Nova + "/servers/" + ServerId).Times(3);
        Assert.That(delays, Has.Count.EqualTo(2));
        Assert.That(delays[1], Is.GreaterThan(delays[0]));
    }

    [Test]
    public async Task Get_Always500_UnavailableNamingServer()
    {
        using var http = new HttpTest();
        FakeCloud.Setup(http);
        http.ForCallsTo(FakeCloud.Nova + "/servers/" + ServerId)
            .RespondWith("{\"computeFault\": {\"code\": 500, \"message\": \"Unexpected API Error.\"}}", 500);
        await using var host = FakeCloud.Host([]);

        var ex = Assert.ThrowsAsync<BeamException>(() => host.ResolveAsync(ServerId, CancellationToken.None));

        Assert.That(ex!.Kind, Is.EqualTo(BeamErrorKind.Unavailable));
        Assert.That(ex.Message, Does.Contain(ServerId).And.Contain("Unexpected API Error.").And.Contain("500"));
        http.ShouldHaveCalled(FakeCloud.Nova + "/servers/" + ServerId).Times(4);
    }

    [Test]
    public async Task Get_Timeouts_RetriedThenUnavailable()
    {
        using var http = new HttpTest();
        FakeCloud.Setup(http);
        http.ForCallsTo(FakeCloud.Nova + "/servers/" + ServerId).SimulateTimeout();
        await using var host = FakeCloud.Host([]);

        var ex = Assert.ThrowsAsync<BeamException>(() => host.ResolveAsync(ServerId, CancellationToken.None));

        Assert.That(ex!.Kind, Is.EqualTo(BeamErrorKind.Unavailable));
        Assert.That(ex.Message, Does.Contain("Nova"));
        http.ShouldHaveCalled(FakeCloud.Nova + "/servers/" + ServerId).Times(4);
    }

    [Test]
    public async Task Get_UnknownServer_NotFound()
    {
        using var http = new HttpTest();
        FakeCloud.Setup(http);
        http.ForCallsTo(FakeCloud.Nova + "/servers/" + ServerId)
            .RespondWith(FakeCloud.ServerNotFound(ServerId), 404);
        await using var host = FakeCloud.Host();

        var ex = Assert.ThrowsAsync<BeamException>(() => host.ResolveAsync(ServerId, CancellationToken.None));

        Assert.That(ex!.Kind, Is.EqualTo(BeamErrorKind.NotFound));
        Assert.That(ex.Message, Is.EqualTo($"No such container: {ServerId}"));
        await Task.CompletedTask;
    }

    [Test]
    public async Task ExpiredToken_401_ReauthenticatesOnceAndRetries()
    {
        using var http = new HttpTest();
        FakeCloud.Setup(http, null, "token-1", "token-2");
        http.ForCallsTo(FakeCloud.Nova + "/servers/detail*").WithHeader("X-Auth-Token", "token-1")
            .RespondWith(FakeCloud.NovaUnauthorized, 401);
        http.ForCallsTo(FakeCloud.Nova + "/servers/detail*").WithHeader("X-Auth-Token", "token-2")
            .RespondWith(FakeCloud.Page([FakeCloud.ServerNode(ServerId, "web")]));
        await using var host = FakeCloud.Host();

        var list = await host.ListAsync(CancellationToken.None);

        Assert.That(list, Has.Count.EqualTo(1));
        http.ShouldHaveCalled(FakeCloud.Keystone + "/auth/tokens").Times(2);
        Assert.That(host.TokensIssued, Is.EqualTo(2));
    }

    [Test]
    public async Task Persistent401_UnauthorizedAfterTwoReauthentications()
    {
        using var http = new HttpTest();
        FakeCloud.Setup(http, null, "token-1", "token-2", "token-3", "token-4");
        http.ForCallsTo(FakeCloud.Nova + "/servers/detail*").RespondWith("{\"error\": {\"code\": 401, \"message\": \"nope\"}}", 401);
        await using var host = FakeCloud.Host();

        var ex = Assert.ThrowsAsync<BeamException>(() => host.ListAsync(CancellationToken.None));

        Assert.That(ex!.Kind, Is.EqualTo(BeamErrorKind.Unauthorized));
        http.ShouldHaveCalled(FakeCloud.Keystone + "/auth/tokens").Times(3);
        http.ShouldHaveCalled(FakeCloud.Nova + "/servers/detail*").Times(3);
    }

    /// <summary>
    /// A password change revokes the user's tokens, and Keystone compares in whole seconds: the token swarmd gets at once
    /// is refused too. One more, a second later, is taken.
    /// </summary>
    [Test]
    public async Task TokenIssuedInTheRevocationsSecond_RefusedToo_ReauthenticatesAgainAndSucceeds()
    {
        using var http = new HttpTest();
        FakeCloud.Setup(http, null, "token-1", "token-2", "token-3");
        foreach (var refused in new[] { "token-1", "token-2" })
        {
            http.ForCallsTo(FakeCloud.Nova + "/servers/detail*").WithHeader("X-Auth-Token", refused).RespondWith(FakeCloud.NovaUnauthorized, 401);
        }

        http.ForCallsTo(FakeCloud.Nova + "/servers/detail*").WithHeader("X-Auth-Token", "token-3")
            .RespondWith(FakeCloud.Page([FakeCloud.ServerNode(ServerId, "web")]));
        await using var host = FakeCloud.Host();

        var list = await host.ListAsync(CancellationToken.None);

        Assert.That(list, Has.Count.EqualTo(1));
        Assert.That(host.TokensIssued, Is.EqualTo(3));
    }

    [Test]
    public async Task Token_NearExpiry_RenewedBeforeUse()
    {
        using var http = new HttpTest();
        var time = new ManualTime(DateTimeOffset.UtcNow);
        FakeCloud.Setup(http, time.GetUtcNow().AddHours(1), "token-1", "token-2");
        http.ForCallsTo(FakeCloud.Nova + "/servers/detail*").RespondWith(FakeCloud.Page([]));
        await using var host = FakeCloud.Host(time: time);

        await host.ListAsync(CancellationToken.None);
        time.Advance(TimeSpan.FromMinutes(30));
        await host.ListAsync(CancellationToken.None);
        Assert.That(host.TokensIssued, Is.EqualTo(1));
        time.Advance(TimeSpan.FromMinutes(26));
        await host.ListAsync(CancellationToken.None);

        Assert.That(host.TokensIssued, Is.EqualTo(2));
        http.ShouldHaveCalled(FakeCloud.Nova + "/servers/detail*").WithHeader("X-Auth-Token", "token-2").Times(1);
    }

    [Test]
    public async Task RateLimited429_HonoursRetryAfter()
    {
        using var http = new HttpTest();
        FakeCloud.Setup(http);
        http.ForCallsTo(FakeCloud.Nova + "/servers/detail*")
            .RespondWith("{\"overLimit\": {\"code\": 429, \"message\": \"slow down\"}}", 429, new Dictionary<string, string> { ["Retry-After"] = "7" })
            .RespondWith(FakeCloud.Page([]));
        var delays = new List<TimeSpan>();
        await using var host = FakeCloud.Host(delays);

        await host.ListAsync(CancellationToken.None);

        Assert.That(delays, Is.EqualTo(new[] { TimeSpan.FromSeconds(7) }));
        http.ShouldHaveCalled(FakeCloud.Nova + "/servers/detail*").Times(2);
    }

    [Test]
    public async Task RateLimited_RetryAfterTooLong_UnavailableAtOnce()
    {
        using var http = new HttpTest();
        FakeCloud.Setup(http);
        http.ForCallsTo(FakeCloud.Nova + "/servers/detail*")
            .RespondWith("{\"overLimit\": {\"code\": 413, \"message\": \"over limit\"}}", 413, new Dictionary<string, string> { ["Retry-After"] = "3600" });
        var delays = new List<TimeSpan>();
        await using var host = FakeCloud.Host(delays);

        var ex = Assert.ThrowsAsync<BeamException>(() => host.ListAsync(CancellationToken.None));

        Assert.That(ex!.Kind, Is.EqualTo(BeamErrorKind.Unavailable));
        Assert.That(ex.Message, Does.Contain("3600"));
        Assert.That(delays, Is.Empty);
    }

    [Test]
    public async Task GlanceHtmlError_UnavailableWithTextNamingImage()
    {
        using var http = new HttpTest();
        FakeCloud.Setup(http);
        http.ForCallsTo(FakeCloud.Glance + "/v2/images*").RespondWith(
            "<html>\n <head>\n  <title>503 Service Unavailable</title>\n </head>\n <body>\n  <h1>503 Service Unavailable</h1>\n  The server is currently unavailable.<br /><br />\n </body>\n</html>", 503);
        await using var host = FakeCloud.Host([]);

        var ex = Assert.ThrowsAsync<BeamException>(() => host.GetImageAsync("cirros", CancellationToken.None));

        Assert.That(ex!.Kind, Is.EqualTo(BeamErrorKind.Unavailable));
        Assert.That(ex.Message, Does.Contain("image 'cirros'").And.Contain("The server is currently unavailable.").And.Not.Contain("<"));
    }

    [Test]
    public async Task GlanceHtml404ById_NoSuchImage()
    {
        using var http = new HttpTest();
        FakeCloud.Setup(http);
        http.ForCallsTo(FakeCloud.Glance + "/v2/images/" + FakeCloud.CirrosId).RespondWith(
            "<html><head><title>404 Not Found</title></head><body><h1>404 Not Found</h1>No image found with ID x<br /><br /></body></html>", 404);
        await using var host = FakeCloud.Host();

        var ex = Assert.ThrowsAsync<BeamException>(() => host.GetImageAsync(FakeCloud.CirrosId, CancellationToken.None));

        Assert.That(ex!.Kind, Is.EqualTo(BeamErrorKind.NotFound));
        Assert.That(ex.Message, Is.EqualTo($"No such image: {FakeCloud.CirrosId}"));
    }

    [TestCase(500)]
    [TestCase(503)]
    [TestCase(0)]
    public async Task Create_ServerFailureOrTimeout_PostNeverRetried(int status)
    {
        using var http = new HttpTest();
        SetupCreate(http);
        var post = http.ForCallsTo(FakeCloud.Nova + "/servers").WithVerb(HttpMethod.Post);
        if (status == 0)
        {
            post.SimulateTimeout();
        }
        else
        {
            post.RespondWith("{\"computeFault\": {\"code\": 500, \"message\": \"Unexpected API Error.\"}}", status);
        }

        await using var host = FakeCloud.Host([]);

        var ex = Assert.ThrowsAsync<BeamException>(() => host.CreateAsync(new ContainerSpec { Name = "web", Image = "cirros" }, CancellationToken.None));

        Assert.That(ex!.Kind, Is.EqualTo(BeamErrorKind.Unavailable));
        http.ShouldHaveCalled(FakeCloud.Nova + "/servers").WithVerb(HttpMethod.Post).Times(1);
    }

    [Test]
    public async Task Create_429_RetriedAfterRetryAfter()
    {
        using var http = new HttpTest();
        SetupCreate(http);
        http.ForCallsTo(FakeCloud.Nova + "/servers").WithVerb(HttpMethod.Post)
            .RespondWith("{\"overLimit\": {\"code\": 429, \"message\": \"slow down\"}}", 429, new Dictionary<string, string> { ["Retry-After"] = "2" })
            .RespondWith($"{{\"server\": {{\"id\": \"{ServerId}\"}}}}", 202);
        http.ForCallsTo(FakeCloud.Nova + "/servers/" + ServerId).RespondWith(FakeCloud.ServerEnvelope(ServerId, "web", "BUILD"));
        var delays = new List<TimeSpan>();
        await using var host = FakeCloud.Host(delays);

        var created = await host.CreateAsync(new ContainerSpec { Name = "web", Image = "cirros" }, CancellationToken.None);

        Assert.That(created.Id, Is.EqualTo(ServerId));
        Assert.That(created.Record.State.Status, Is.EqualTo(ContainerStatus.Running), "Nova boots at create: the container is running");
        Assert.That(created.Record.State.Detail, Is.EqualTo("booting"));
        Assert.That(delays, Is.EqualTo(new[] { TimeSpan.FromSeconds(2) }));
        http.ShouldHaveCalled(FakeCloud.Nova + "/servers").WithVerb(HttpMethod.Post).Times(2);
        http.ShouldHaveCalled(FakeCloud.Nova + "/servers").WithVerb(HttpMethod.Post)
            .WithRequestBody("*\"networks\":\"none\"*").WithRequestBody("*\"swarm.managed\":\"1\"*").WithRequestBody("*\"flavorRef\":\"1\"*");
    }

    [Test]
    public async Task Create_NameClaimedAndHeldByAServer_ConflictNamingItAndNoServerMade()
    {
        using var http = new HttpTest();
        FakeCloud.ClaimTaken(http, "web", DateTimeOffset.UtcNow.AddHours(-1));
        SetupCreate(http, FakeCloud.ServerNode(ServerId, "web"));
        await using var host = FakeCloud.Host();

        var ex = Assert.ThrowsAsync<BeamException>(() => host.CreateAsync(new ContainerSpec { Name = "web", Image = "cirros" }, CancellationToken.None));

        Assert.That(ex!.Kind, Is.EqualTo(BeamErrorKind.Conflict));
        Assert.That(ex.Message, Does.Contain("\"/web\" is already in use").And.Contain(ServerId));
        Assert.That(http.CallLog.Count(c => c.Request.Verb == HttpMethod.Post && c.Request.Url.Path.EndsWith("/servers")), Is.Zero);
        Assert.That(http.CallLog.Where(c => c.Request.Verb == HttpMethod.Delete), Is.Empty, "the holder's claim stays");
    }

    [Test]
    public async Task Create_NameClaimedRecentlyAndNotYetHeld_ConflictSayingAnotherSwarmdIsCreatingIt()
    {
        using var http = new HttpTest();
        FakeCloud.ClaimTaken(http, "web", DateTimeOffset.UtcNow.AddSeconds(-5));
        SetupCreate(http);
        await using var host = FakeCloud.Host();

        var ex = Assert.ThrowsAsync<BeamException>(() => host.CreateAsync(new ContainerSpec { Name = "web", Image = "cirros" }, CancellationToken.None));

        Assert.That(ex!.Kind, Is.EqualTo(BeamErrorKind.Conflict));
        Assert.That(ex.Message, Does.Contain("\"/web\" is already in use by a container that another swarmd began creating").And.Contain("free again in"));
        Assert.That(http.CallLog.Count(c => c.Request.Verb == HttpMethod.Post && c.Request.Url.Path.EndsWith("/servers")), Is.Zero);
    }

    [Test]
    public async Task Create_NameClaimStaleAndNotHeld_ClaimTakenOverAndServerMade()
    {
        using var http = new HttpTest();
        var stale = FakeCloud.ClaimTaken(http, "web", DateTimeOffset.UtcNow.AddMinutes(-10));
        SetupCreate(http);
        http.ForCallsTo(FakeCloud.Nova + "/servers").WithVerb(HttpMethod.Post).RespondWith($"{{\"server\": {{\"id\": \"{ServerId}\"}}}}", 202);
        await using var host = FakeCloud.Host();

        var created = await host.CreateAsync(new ContainerSpec { Name = "web", Image = "cirros" }, CancellationToken.None);

        Assert.That(created.Id, Is.EqualTo(ServerId));
        http.ShouldHaveCalled(FakeCloud.Neutron + "/v2.0/ports/" + stale).WithVerb(HttpMethod.Delete).Times(1);
        http.ShouldHaveCalled(FakeCloud.Nova + "/servers").WithVerb(HttpMethod.Post).WithRequestBody($"*\"swarm.claim\":\"{FakeCloud.ClaimPortId}\"*");
    }

    [Test]
    public async Task Create_UnknownImage_NoSuchImage()
    {
        using var http = new HttpTest();
        SetupCreate(http);
        http.ForCallsTo(FakeCloud.Glance + "/v2/images*").RespondWith("{\"images\": []}");
        await using var host = FakeCloud.Host();

        var ex = Assert.ThrowsAsync<BeamException>(() => host.CreateAsync(new ContainerSpec { Image = "ubuntu:latest" }, CancellationToken.None));

        Assert.That(ex!.Kind, Is.EqualTo(BeamErrorKind.NotFound));
        Assert.That(ex.Message, Is.EqualTo("No such image: ubuntu:latest"));
    }

    [Test]
    public async Task AuthRefused_UnauthorizedWithoutSecretsInMessageOrLogs()
    {
        using var http = new HttpTest();
        http.ForCallsTo(FakeCloud.Keystone + "/auth/tokens")
            .RespondWith(FakeCloud.KeystoneUnauthorized, 401);
        var logger = new ListLogger();
        await using var host = FakeCloud.Host(logger: logger);

        var ex = Assert.ThrowsAsync<BeamException>(() => host.ListAsync(CancellationToken.None));

        Assert.That(ex!.Kind, Is.EqualTo(BeamErrorKind.Unauthorized));
        Assert.That(ex.Message, Does.Contain("alice").And.Contain(FakeCloud.Keystone));
        Assert.That(ex.ToString(), Does.Not.Contain(FakeCloud.Password));
        Assert.That(logger.Lines, Is.Not.Empty);
        Assert.That(string.Join("\n", logger.Lines), Does.Not.Contain(FakeCloud.Password));
    }

    [Test]
    public async Task Tokens_NeverInLogs()
    {
        using var http = new HttpTest();
        FakeCloud.Setup(http, null, "tok-SECRET-1", "tok-SECRET-2");
        http.ForCallsTo(FakeCloud.Nova + "/servers/detail*")
            .RespondWith("{}", 401)
            .RespondWith("x", 500)
            .RespondWith(FakeCloud.Page([]));
        var logger = new ListLogger();
        await using var host = FakeCloud.Host([], logger);

        await host.ListAsync(CancellationToken.None);

        var all = string.Join("\n", logger.Lines);
        Assert.That(all, Does.Contain("re-authenticating"));
        Assert.That(all, Does.Not.Contain("tok-SECRET").And.Not.Contain(FakeCloud.Password));
    }

    [Test]
    public async Task V2AuthUrl_DiscoversV3AtRoot()
    {
        using var http = new HttpTest();
        http.ForCallsTo("http://keystone.test/").RespondWith(
            """{"versions": {"values": [{"id": "v3.14", "status": "stable", "links": [{"rel": "self", "href": "http://keystone.test/v3/"}]}]}}""", 300);
        FakeCloud.Setup(http);
        http.ForCallsTo(FakeCloud.Nova + "/servers/detail*").RespondWith(FakeCloud.Page([]));
        await using var host = new OpenstackHost(new Swarm.Backends.Openstack.OpenstackOptions(), FakeCloud.Credentials("http://keystone.test/v2.0/"));

        await host.ListAsync(CancellationToken.None);

        http.ShouldHaveCalled(FakeCloud.Keystone + "/auth/tokens").WithVerb(HttpMethod.Post)
            .WithRequestBody("*\"project\":{\"name\":\"demo\",\"domain\":{\"name\":\"Default\"}}*");
        http.ShouldNotHaveCalled("http://keystone.test/v2.0*");
    }

    private static void SetupCreate(HttpTest http, params System.Text.Json.Nodes.JsonObject[] existing)
    {
        FakeCloud.Setup(http);
        http.ForCallsTo(FakeCloud.Glance + "/v2/images*").WithQueryParam("name", "cirros").RespondWith(
            FakeCloud.CirrosImages());
        http.ForCallsTo(FakeCloud.Nova + "/flavors/detail*").RespondWith(
            FakeCloud.Flavors());
        http.ForCallsTo(FakeCloud.Nova + "/servers/detail*").RespondWith(FakeCloud.Page(existing));
    }
}
