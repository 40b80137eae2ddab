using System.Net;
using System.Text.Json.Nodes;
using Swarm.Tests.Support;

namespace Swarm.Tests.EndToEnd;

/// <summary>
/// Several swarmd processes on one OpenStack project, as a team behind a load balancer runs them: what one does the
/// others see at once, names stay unique across them, a swarmd killed half way leaves nothing the others cannot show
/// and clean up, and they report the same events. The processes run with a short claim timeout (10 s, the default is
/// 30 s), the time after which a name a killed swarmd had claimed is free again.
/// </summary>
public sealed class MultiProcessEndToEndTests : OpenstackEndToEndFixture
{
    private SwarmdProcess _second = null!;
    private SwarmdProcess _third = null!;
    private DockerCli _dockerB = null!;

    protected override string[] BackendSpecs => ["openstack --flavor=m1.tiny --claim-timeout=10s"];

    [OneTimeSetUp]
    public async Task StartMoreSwarmd()
    {
        _second = await SwarmdProcess.StartAsync(Cloud.Env, null, BackendSpecs);
        _third = await SwarmdProcess.StartAsync(Cloud.Env, null, BackendSpecs);
        _dockerB = new DockerCli(_second.DockerHost) { Timeout = TimeSpan.FromMinutes(3) };
    }

    [OneTimeTearDown]
    public async Task StopMoreSwarmd()
    {
        _dockerB?.Dispose();
        foreach (var process in new[] { _second, _third })
        {
            if (process is not null)
            {
                await process.DisposeAsync();
                Assert.That(process.ExitCode, Is.Zero, "swarmd should stop cleanly on SIGTERM:\n" + process.Log);
            }
        }
    }

    [Test]
    public async Task Create_ThroughOne_VisibleStoppableRemovableThroughTheOtherAtOnce()
    {
        Clients.RequireDocker();
        var name = Name("mp");

        var id = (await Docker.OkAsync("run", "-d", "--name", name, "cirros")).Stdout.Trim();
        var listedByB = await _dockerB.OkAsync("ps", "--format", "{{.ID}} {{.Names}} {{.Status}}");
        await _dockerB.OkAsync("stop", name);
        var inspectedByA = await Docker.OkAsync("inspect", "-f", "{{.State.Status}}", name);
        await _dockerB.OkAsync("rm", name);
        var listedByA = await Docker.OkAsync("ps", "-a", "--format", "{{.Names}}");

        Assert.That(listedByB.Lines, Has.Some.StartsWith($"{id[..12]} {name} Up"), listedByB.ToString());
        Assert.That(inspectedByA.Stdout.Trim(), Is.EqualTo("exited"));
        Assert.That(listedByA.Lines, Does.Not.Contain(name));
        Assert.That(await Cloud.ServerAsync(id), Is.Null, "gone from Nova");
    }

    [TestCase(2)]
    [TestCase(3)]
    public async Task Create_SameNameConcurrentlyAcrossProcesses_ExactlyOneContainerEachRound(int processes)
    {
        var bases = new[] { Swarmd.HttpBase, _second.HttpBase, _third.HttpBase }.Take(processes).ToList();
        using var http = new HttpClient { Timeout = TimeSpan.FromMinutes(3) };

        // The last round creates on a Docker network, where swarmd makes each container's Neutron port itself: a losing
        // create must leave none behind.
        var network = $"e2e-same{processes}-{Guid.NewGuid().ToString("N")[..6]}";
        TrackNetwork(network);
        using var made = await http.PostAsync(new Uri(bases[0], "/networks/create"), new StringContent($$"""{"Name":"{{network}}"}""", System.Text.Encoding.UTF8, "application/json"));
        var networkId = (string)JsonNode.Parse(await made.EnsureSuccessStatusCode().Content.ReadAsStringAsync())!["Id"]!;
        for (var round = 1; round <= 3; round++)
        {
            var name = Name($"same{processes}x{round}");
            var body = round < 3 ? """{"Image":"cirros"}""" : $$$"""{"Image":"cirros","HostConfig":{"NetworkMode":"{{{network}}}"}}""";

            var responses = await Task.WhenAll(Enumerable.Range(0, 10).Select(i =>
                http.PostAsync(new Uri(bases[i % bases.Count], $"/containers/create?name={name}"),
                    new StringContent(body, System.Text.Encoding.UTF8, "application/json"))));

            var codes = responses.Select(r => (int)r.StatusCode).ToList();
            Assert.That(codes.Count(c => c == 201), Is.EqualTo(1), $"round {round}: {string.Join(",", codes)}");
            Assert.That(codes.Count(c => c == 409), Is.EqualTo(9), $"round {round}: {string.Join(",", codes)}");
            Assert.That(await Cloud.ServersNamedAsync(name), Has.Count.EqualTo(1), $"round {round}: Nova has exactly one server named {name}");
            var conflict = JsonNode.Parse(await responses.First(r => r.StatusCode == HttpStatusCode.Conflict).Content.ReadAsStringAsync())!;
            Assert.That((string?)conflict["message"], Does.Contain($"The container name \"/{name}\" is already in use"));
            Assert.That(await Cloud.ClaimsAsync("container", name), Has.Count.EqualTo(1), $"round {round}: one claim on {name}");
            if (round == 3)
            {
                // Nova binds the port (device_id) while it builds; which container the port is for is in its description.
                var ports = await Cloud.PortsOnAsync(networkId);
                Assert.That(ports, Has.Count.EqualTo(1), "one port on the network, the winner's: the losers left none");
                Assert.That((string?)ports[0]["description"], Does.Contain($"container {name} on"));
            }
        }
    }

    [Test]
    public async Task Create_SwarmdKilledHalfWay_AnotherShowsAndRemovesWhatItLeftAndTheNameIsFreeAgain()
    {
        Clients.RequireDocker();
        var name = Name("killc");
        await using var victim = await SwarmdProcess.StartAsync(Cloud.Env, null, BackendSpecs);
        using var http = new HttpClient { Timeout = TimeSpan.FromMinutes(3) };

        var create = http.PostAsync(new Uri(victim.HttpBase, $"/containers/create?name={name}"),
            new StringContent("""{"Image":"cirros"}""", System.Text.Encoding.UTF8, "application/json"));
        await WaitFor.ConditionAsync(async () => (await Cloud.ClaimsAsync("container", name)).Count > 0, $"the victim's claim on {name}", TimeSpan.FromMinutes(1));
        await victim.SignalAndWaitAsync("KILL", TimeSpan.FromSeconds(30));
        await AbandonedAsync(create);

        // Killed after the claim: Nova may or may not have the server. If it does, docker ps -a shows it and rm -f removes it.
        var listed = await Docker.OkAsync("ps", "-a", "--format", "{{.Names}}|{{.State}}");
        if (listed.Lines.FirstOrDefault(l => l.StartsWith(name + "|", StringComparison.Ordinal)) is { } line)
        {
            Assert.That(line.Split('|')[1], Is.AnyOf("created", "running"), listed.ToString());
            await Docker.OkAsync("rm", "-f", name);
        }

        var id = await RunWhenFreeAsync(Docker, name);

        Assert.That((await Cloud.ServersNamedAsync(name)).Select(s => (string?)s["id"]), Is.EqualTo(new[] { id }), "exactly the new server has the name");
        Assert.That(await Cloud.ClaimsAsync("container", name), Has.Count.EqualTo(1), "one claim on the name");
        await _dockerB.OkAsync("rm", "-f", name);
        Assert.That(await Cloud.ClaimsAsync("container", name), Is.Empty, "rm releases the name");
    }

    [Test]
    public async Task RunPublished_StaleClaimAndWhatAKilledCreateLeftInNeutron_RunsAndTheLeftoversAreGone()
    {
        Clients.RequireDocker();
        var name = Name("leftc");
        var network = Name("leftnet");
        TrackNetwork(network);
        await Docker.OkAsync("network", "create", network);
        var networkNode = (await Cloud.NeutronNetworksNamedAsync(network)).Single();
        var claims = (string)(await Cloud.ClaimsAsync("network", network)).Single()["network_id"]!;

        // What a swarmd killed after the claim and the port forwarding of `run -p --label swarm.floating-ip=own` leaves,
        // made straight in Neutron: the claim, the group, the container's port, its own floating IP and a forwarding.
        var router = (await Cloud.NeutronListAsync("routers", "name=router1")).Single();
        await Cloud.NeutronPutAsync($"routers/{router["id"]}/add_router_interface", new JsonObject { ["subnet_id"] = (string)networkNode["subnets"]![0]! });
        var group = (string)(await Cloud.NeutronPostAsync("security-groups", new JsonObject
        {
            ["security_group"] = new JsonObject { ["name"] = "swarm-c-" + name, ["description"] = "swarmd: published ports of container " + name },
        }))["security_group"]!["id"]!;
        var port = (await Cloud.NeutronPostAsync("ports", new JsonObject
        {
            ["port"] = new JsonObject
            {
                ["network_id"] = (string)networkNode["id"]!,
                ["name"] = name,
                ["description"] = $"swarmd: container {name} on Docker network {network}",
                ["security_groups"] = new JsonArray(group),
            },
        }))["port"]!;
        var fip = (string)(await Cloud.NeutronPostAsync("floatingips", new JsonObject
        {
            ["floatingip"] = new JsonObject { ["floating_network_id"] = (string)router["external_gateway_info"]!["network_id"]!, ["description"] = "swarmd: floating IP of container " + name },
        }))["floatingip"]!["id"]!;
        await Cloud.NeutronPutAsync($"floatingips/{fip}/tags", new JsonObject { ["tags"] = new JsonArray("swarm.own") });
        await Cloud.NeutronPostAsync($"floatingips/{fip}/port_forwardings", new JsonObject
        {
            ["port_forwarding"] = new JsonObject
            {
                ["protocol"] = "tcp",
                ["internal_port_id"] = (string)port["id"]!,
                ["internal_ip_address"] = (string)port["fixed_ips"]![0]!["ip_address"]!,
                ["internal_port"] = 80,
                ["external_port"] = 8080,
            },
        });
        var claim = (string)(await Cloud.NeutronPostAsync("ports", new JsonObject
        {
            ["port"] = new JsonObject
            {
                ["network_id"] = claims,
                ["name"] = name,
                ["description"] = "swarmd claim: container",
                ["mac_address"] = Swarm.Backends.Openstack.Cloud.NameClaims.Mac(Swarm.Backends.Openstack.Cloud.ClaimKind.Container, name, 0),
                ["admin_state_up"] = false,
            },
        }))["port"]!["id"]!;
        try
        {
            var id = await RunWhenFreeAsync(_dockerB, name, "-p", "80", "--network", network);

            Assert.That((await Cloud.ServersNamedAsync(name)).Select(s => (string?)s["id"]), Is.EqualTo(new[] { id }));
            Assert.That(await Cloud.NeutronListAsync("ports", "id=" + port["id"]), Is.Empty, "the killed create's port is gone");
            Assert.That(await Cloud.NeutronListAsync("security-groups", "id=" + group), Is.Empty, "its security group is gone");
            Assert.That(await Cloud.NeutronListAsync("floatingips", "id=" + fip), Is.Empty, "its own floating IP (and the forwarding on it) is gone");
            Assert.That(await Cloud.NeutronListAsync("ports", "id=" + claim), Is.Empty, "the stale claim is gone");
            Assert.That(_second.Log, Does.Contain($"Removing what a create of container {name} left"));
        }
        finally
        {
            await _dockerB.RunAsync("rm", "-f", name);
            foreach (var path in new[] { "floatingips/" + fip, "ports/" + port["id"], "security-groups/" + group, "ports/" + claim })
            {
                await Cloud.DeleteNeutronAsync(path);
            }
        }
    }

    [Test]
    public async Task Remove_SwarmdKilledHalfWay_NameFreeThroughAnotherAtOnce()
    {
        Clients.RequireDocker();
        var name = Name("killrm");
        await using var victim = await SwarmdProcess.StartAsync(Cloud.Env, null, BackendSpecs);
        using var dockerVictim = new DockerCli(victim.DockerHost) { Timeout = TimeSpan.FromMinutes(3) };
        var id = (await dockerVictim.OkAsync("run", "-d", "--name", name, "cirros")).Stdout.Trim();

        var remove = dockerVictim.RunAsync("rm", "-f", name);
        await WaitFor.ConditionAsync(async () => await Cloud.ServerAsync(id) is not { } s || (string?)s["OS-EXT-STS:task_state"] == "deleting",
            $"Nova deleting {name}", TimeSpan.FromMinutes(1));
        await victim.SignalAndWaitAsync("KILL", TimeSpan.FromSeconds(30));
        await remove;
        await Cloud.WaitGoneAsync(id, TimeSpan.FromMinutes(1));

        var listed = await Docker.OkAsync("ps", "-a", "--format", "{{.Names}}");
        var again = await RunWhenFreeAsync(_dockerB, name);

        Assert.That(listed.Lines, Does.Not.Contain(name), "the removed container is not shown");
        Assert.That((await Cloud.ServersNamedAsync(name)).Select(s => (string?)s["id"]), Is.EqualTo(new[] { again }));
        Assert.That(await Cloud.ClaimsAsync("container", name), Has.Count.EqualTo(1), "the killed swarmd's claim was taken over, not doubled");
        await Docker.OkAsync("rm", "-f", name);
    }

    [Test]
    public async Task NetworkCreate_SwarmdKilledHalfWay_AnotherCreatesTheNetworkAndNothingIsLeftOver()
    {
        Clients.RequireDocker();
        var name = Name("killnet");
        TrackNetwork(name);
        await using var victim = await SwarmdProcess.StartAsync(Cloud.Env, null, BackendSpecs);
        using var http = new HttpClient { Timeout = TimeSpan.FromMinutes(3) };

        var create = http.PostAsync(new Uri(victim.HttpBase, "/networks/create"),
            new StringContent($$"""{"Name":"{{name}}"}""", System.Text.Encoding.UTF8, "application/json"));
        await WaitFor.ConditionAsync(async () => (await Cloud.NeutronListAsync("security-groups", "name=swarm-" + name)).Count > 0,
            $"the victim's security group for {name}", TimeSpan.FromMinutes(1));
        await victim.SignalAndWaitAsync("KILL", TimeSpan.FromSeconds(30));
        await AbandonedAsync(create);

        // Killed after the security group: the network may be half made (or, if the kill came late, made). A create
        // through another swarmd makes it, after the wait its answer names when the name is still claimed.
        for (var attempt = 0; ; attempt++)
        {
            var made = await _dockerB.RunAsync("network", "create", name);
            if (made.ExitCode == 0 || made.Stderr.Contains($"network with name {name} already exists", StringComparison.Ordinal))
            {
                break;
            }

            Assert.That(attempt, Is.Zero, made.ToString());
            await Task.Delay(FreeAgainIn(made.Stderr), CancellationToken.None); // as the message says
        }

        var networks = await Cloud.NeutronNetworksNamedAsync(name);
        Assert.That(networks, Has.Count.EqualTo(1), "the half-made network was replaced, not kept beside the new one");
        Assert.That(networks[0]["tags"]!.AsArray().Select(t => (string?)t), Does.Contain("swarm.managed"));
        Assert.That(await Cloud.NeutronListAsync("security-groups", "name=swarm-" + name), Has.Count.EqualTo(1));
        await Docker.OkAsync("network", "rm", name);
        Assert.That(await Cloud.NeutronNetworksNamedAsync(name), Is.Empty);
        Assert.That(await Cloud.NeutronListAsync("security-groups", "name=swarm-" + name), Is.Empty);
        Assert.That(await Cloud.ClaimsAsync("network", name), Is.Empty);
    }

    [Test]
    public async Task Events_ThroughBothProcesses_SameCreateStartStopDestroy()
    {
        var name = Name("ev");
        var since = DateTimeOffset.UtcNow.AddSeconds(-1).ToUnixTimeSeconds();
        using var stop = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        var fromA = ReadEventsAsync(Swarmd.HttpBase, name, since, stop.Token);
        var fromB = ReadEventsAsync(_second.HttpBase, name, since, stop.Token);

        var id = (await Docker.OkAsync("run", "-d", "--name", name, "cirros")).Stdout.Trim();
        await _dockerB.OkAsync("stop", name);
        await Docker.OkAsync("rm", name);
        var seenByA = await WaitFor.TaskAsync(fromA, $"the destroy event of {name} from the first swarmd", TimeSpan.FromMinutes(2));
        var seenByB = await WaitFor.TaskAsync(fromB, $"the destroy event of {name} from the second swarmd", TimeSpan.FromMinutes(2));

        Assert.That(seenByA.Select(e => e.Action), Is.SupersetOf(new[] { "create", "start", "stop", "destroy" }), string.Join(",", seenByA));
        Assert.That(seenByB.Select(e => e.Action), Is.EqualTo(seenByA.Select(e => e.Action)), "both report the same actions");
        Assert.That(seenByB.Select(e => e.Time), Is.EqualTo(seenByA.Select(e => e.Time)), "with the same times: Nova's");
        Assert.That(seenByA.Concat(seenByB).Select(e => e.Id), Is.All.EqualTo(id));
    }

    // `docker run -d --name NAME cirros` as a user does it after a swarmd died: at once, or, when the answer says the name
    // is free again in N s, once more after N s. Returns the new container's id.
    [Test]
    public async Task VolumeCreate_SameNameConcurrentlyAcrossProcesses_OneCinderVolumeEveryCreateAnswersIt()
    {
        var bases = new[] { Swarmd.HttpBase, _second.HttpBase, _third.HttpBase };
        using var http = new HttpClient { Timeout = TimeSpan.FromMinutes(3) };
        var name = Name("vol");
        TrackVolume(name);

        var responses = await Task.WhenAll(Enumerable.Range(0, 6).Select(i => http.PostAsync(new Uri(bases[i % bases.Length], "/volumes/create"),
            new StringContent($$"""{"Name":"{{name}}"}""", System.Text.Encoding.UTF8, "application/json"))));
        var bodies = await Task.WhenAll(responses.Select(r => r.Content.ReadAsStringAsync()));

        Assert.That(responses.Select(r => (int)r.StatusCode), Is.All.EqualTo(201), string.Join("\n", bodies));
        Assert.That(bodies.Select(b => (string?)JsonNode.Parse(b)!["Mountpoint"]).Distinct(), Has.Exactly(1).Items, "every create answers the same Cinder volume");
        Assert.That(await Cloud.CinderVolumesNamedAsync(name), Has.Count.EqualTo(1), $"Cinder has exactly one volume named {name}");
        Assert.That(await Cloud.ClaimsAsync("volume", name), Has.Count.EqualTo(1), $"one claim on {name}");

        using var removed = await http.DeleteAsync(new Uri(bases[1], "/volumes/" + name));
        Assert.That(removed.StatusCode, Is.EqualTo(HttpStatusCode.NoContent), await removed.Content.ReadAsStringAsync());
        Assert.That(await Cloud.ClaimsAsync("volume", name), Is.Empty, "volume rm releases the name");
        await WaitFor.ConditionAsync(async () => (await Cloud.CinderVolumesNamedAsync(name)).Count == 0, $"Cinder volume {name} deleted", TimeSpan.FromMinutes(1));
    }

    private static async Task<string> RunWhenFreeAsync(DockerCli docker, string name, params string[] options)
    {
        for (var attempt = 0; ; attempt++)
        {
            var run = await docker.RunAsync(["run", "-d", .. options, "--name", name, "cirros"]);
            if (run.ExitCode == 0)
            {
                return run.Stdout.Trim();
            }

            Assert.That(attempt, Is.LessThan(2), run.ToString());
            if (System.Text.RegularExpressions.Regex.Match(run.Stderr, @"already in use by container ""([0-9a-f-]{36})""") is { Success: true } holder)
            {
                // Nova made the killed swarmd's server after all (its POST was in flight at the kill, and the listing
                // before came too early to show it): it holds the name and goes like any other container.
                await docker.OkAsync("rm", "-f", holder.Groups[1].Value);
                continue;
            }

            await Task.Delay(FreeAgainIn(run.Stderr), CancellationToken.None);
        }
    }

    // The wait a conflict answer names ("the name is free again in N s"); failing when it names none.
    private static TimeSpan FreeAgainIn(string message)
    {
        var match = System.Text.RegularExpressions.Regex.Match(message, @"free again in (\d+) s");
        Assert.That(match.Success, Is.True, "a conflict after a killed swarmd should say when the name is free: " + message);
        return TimeSpan.FromSeconds(int.Parse(match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture));
    }

    // The request a killed swarmd was answering: it ends with the connection (or, when the kill came just too late, with
    // the answer; what the other swarmd must do is the same).
    private static async Task AbandonedAsync(Task<HttpResponseMessage> request)
    {
        try
        {
            using var response = await request;
            TestContext.Out.WriteLine($"the victim answered {(int)response.StatusCode} before it was killed");
        }
        catch (HttpRequestException)
        {
            // The connection died with the process.
        }
    }

    // Reads GET /events for one container name until its destroy; returns (action, id, time) in order.
    private static async Task<List<(string Action, string Id, long Time)>> ReadEventsAsync(Uri server, string name, long since, CancellationToken cancellationToken)
    {
        using var http = new HttpClient { Timeout = Timeout.InfiniteTimeSpan };
        var filters = Uri.EscapeDataString($$"""{"container":["{{name}}"]}""");
        using var response = await http.GetAsync(new Uri(server, $"/events?since={since}&filters={filters}"), HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(cancellationToken));
        var seen = new List<(string, string, long)>();
        while (await reader.ReadLineAsync(cancellationToken) is { } line)
        {
            var e = JsonNode.Parse(line)!;
            seen.Add(((string)e["Action"]!, (string)e["id"]!, (long)e["timeNano"]!));
            if ((string?)e["Action"] == "destroy")
            {
                break;
            }
        }

        return seen;
    }
}
