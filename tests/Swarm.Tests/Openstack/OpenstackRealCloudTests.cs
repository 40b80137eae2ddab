using Swarm.Backends.Openstack;
using Swarm.Backends.Openstack.Containers;
using Swarm.Core.Beam;
using Swarm.Core.Containers;
using Swarm.Tests.Support;

namespace Swarm.Tests.Openstack;

/// <summary>The backend against the real local OpenStack; every effect is also checked straight in Nova.</summary>
[Category("OpenStack")]
[NonParallelizable]
public sealed class OpenstackRealCloudTests
{
    private readonly List<string> _created = [];
    private LocalCloud _cloud = null!;
    private OpenstackHost _host = null!;

    [SetUp]
    public void SetUp()
    {
        _cloud = LocalCloud.Require();
        _host = _cloud.Host();
    }

    [TearDown]
    public async Task TearDown()
    {
        if (_cloud is null)
        {
            return;
        }

        foreach (var id in _created)
        {
            await _cloud.DeleteAsync(id);
        }

        foreach (var id in _created)
        {
            await _cloud.WaitGoneAsync(id, TimeSpan.FromSeconds(60));
        }

        if (_host is not null)
        {
            await _host.DisposeAsync();
        }

        _cloud.Dispose();
    }

    [Test]
    public async Task Create_ListResolveStart_ShowsManagedServer()
    {
        var name = UniqueName();
        var created = await CreateAsync(new ContainerSpec
        {
            Name = name,
            Image = "cirros:latest",
            Cmd = ["sh", "-c", "echo hi"],
            Env = ["A=1"],
            Labels = new Dictionary<string, string> { ["team"] = "blue" },
            Memory = 256L << 20,
        });

        var nova = await _cloud.ServerAsync(created.Id);
        Assert.That(nova, Is.Not.Null);
        Assert.That((string?)nova!["name"], Is.EqualTo(name));
        Assert.That((string?)nova["metadata"]!["swarm.managed"], Is.EqualTo("1"));
        Assert.That((string?)nova["metadata"]!["swarm.unstarted"], Is.EqualTo("1"), "marked until the first start");
        Assert.That((string?)nova["flavor"]!["original_name"], Is.EqualTo("m1.tiny"), "the smallest flavor with 256 MB");

        var listed = (await _host.ListAsync(CancellationToken.None)).Single(c => c.Id == created.Id);
        Assert.That(listed.Name, Is.EqualTo(name));
        Assert.That(listed.Image, Is.EqualTo("cirros:latest"));
        Assert.That(listed.Cmd, Is.EqualTo(new[] { "sh", "-c", "echo hi" }));
        Assert.That(listed.Env, Is.EqualTo(new[] { "A=1" }));
        Assert.That(listed.Labels["team"], Is.EqualTo("blue"));
        Assert.That(listed.Memory, Is.EqualTo(256L << 20));
        Assert.That(listed.State.Status, Is.EqualTo(ContainerStatus.Running), "Nova boots at create: listed as running right away");

        Assert.That((await _host.ResolveAsync(name, CancellationToken.None)).Id, Is.EqualTo(created.Id));
        Assert.That((await _host.ResolveAsync(created.Id[..8], CancellationToken.None)).Id, Is.EqualTo(created.Id));

        var first = await _host.StartAsync(created, CancellationToken.None);
        var second = await _host.StartAsync(await _host.ResolveAsync(created.Id, CancellationToken.None), CancellationToken.None);

        Assert.That(first, Is.True, "the first start after a create answers 204");
        Assert.That(second, Is.False, "a later start of a running server answers 304");
        await AssertNovaAsync(created.Id, "ACTIVE");
        Assert.That((await _cloud.ServerAsync(created.Id))!["metadata"]!["swarm.unstarted"], Is.Null, "the first start removed the marker");
        var inspected = await _host.GetAsync(created, CancellationToken.None);
        Assert.That(inspected.State.Status, Is.EqualTo(ContainerStatus.Running));
        Assert.That(inspected.State.Detail, Is.Null, "no longer booting");
    }

    [Test]
    public async Task Lifecycle_StopStartRestartPauseUnpauseKill_MatchesNova()
    {
        var container = await CreateAsync(new ContainerSpec { Name = UniqueName(), Image = "cirros" });
        Assert.That(await _host.StartAsync(container, CancellationToken.None), Is.True);
        await AssertNovaAsync(container.Id, "ACTIVE");

        Assert.That(await _host.StopAsync(await Fresh(container), null, CancellationToken.None), Is.True);
        await AssertNovaAsync(container.Id, "SHUTOFF");
        Assert.That((await _host.GetAsync(container, CancellationToken.None)).State.Status, Is.EqualTo(ContainerStatus.Exited));
        Assert.That(await _host.StopAsync(await Fresh(container), null, CancellationToken.None), Is.False, "stop of a stopped server is not modified");
        var pauseStopped = Assert.ThrowsAsync<BeamException>(async () => await _host.PauseAsync(await Fresh(container), CancellationToken.None));
        Assert.That(pauseStopped!.Kind, Is.EqualTo(BeamErrorKind.Conflict));

        Assert.That(await _host.StartAsync(await Fresh(container), CancellationToken.None), Is.True);
        await AssertNovaAsync(container.Id, "ACTIVE");

        await _host.RestartAsync(await Fresh(container), null, CancellationToken.None);
        await AssertNovaAsync(container.Id, "ACTIVE");

        await _host.PauseAsync(await Fresh(container), CancellationToken.None);
        await AssertNovaAsync(container.Id, "PAUSED");
        Assert.That((await _host.GetAsync(container, CancellationToken.None)).State.Status, Is.EqualTo(ContainerStatus.Paused));
        await _host.UnpauseAsync(await Fresh(container), CancellationToken.None);
        await AssertNovaAsync(container.Id, "ACTIVE");

        await _host.KillAsync(await Fresh(container), "SIGKILL", CancellationToken.None);
        await AssertNovaAsync(container.Id, "SHUTOFF");
        Assert.That((await _host.GetAsync(container, CancellationToken.None)).State.ExitCode, Is.EqualTo(137), "a killed container exited 128 + 9, as in Docker");
        Assert.That((string?)(await _cloud.ServerAsync(container.Id))!["metadata"]!["swarm.exit"], Is.EqualTo("137"), "kept in Nova, for every swarmd");
        var killStopped = Assert.ThrowsAsync<BeamException>(async () => await _host.KillAsync(await Fresh(container), "SIGKILL", CancellationToken.None));
        Assert.That(killStopped!.Kind, Is.EqualTo(BeamErrorKind.Conflict));
    }

    [Test]
    public async Task Stop_RightAfterCreate_WaitsForTheBootThenStops()
    {
        var container = await CreateAsync(new ContainerSpec { Name = UniqueName(), Image = "cirros" });

        var changed = await _host.StopAsync(container, null, CancellationToken.None);

        Assert.That(changed, Is.True);
        await AssertNovaAsync(container.Id, "SHUTOFF");
    }

    [Test]
    public async Task Rename_ChangesNovaName_AndTakenNameConflicts()
    {
        var first = await CreateAsync(new ContainerSpec { Name = UniqueName(), Image = "cirros" });
        var second = await CreateAsync(new ContainerSpec { Name = UniqueName(), Image = "cirros" });
        var newName = UniqueName();

        await _host.RenameAsync(first, newName, CancellationToken.None);

        Assert.That((string?)(await _cloud.ServerAsync(first.Id))!["name"], Is.EqualTo(newName));
        var ex = Assert.ThrowsAsync<BeamException>(() => _host.RenameAsync(second, newName, CancellationToken.None));
        Assert.That(ex!.Kind, Is.EqualTo(BeamErrorKind.Conflict));
        Assert.That(ex.Message, Does.Contain(newName).And.Contain(first.Id));
    }

    [Test]
    public async Task Logs_ReturnConsoleOutputWithTail()
    {
        var container = await CreateAsync(new ContainerSpec { Name = UniqueName(), Image = "cirros" });
        await _host.StartAsync(container, CancellationToken.None);

        var all = await CollectAsync(_host.LogsAsync(container, new LogOptions(), CancellationToken.None));
        var tail = await CollectAsync(_host.LogsAsync(container, new LogOptions { Tail = 1 }, CancellationToken.None));

        // The fake virt driver's console is three fixed lines.
        Assert.That(all.Select(e => e.Text), Is.EqualTo(new[] { "FAKE CONSOLE OUTPUT\n", "ANOTHER\n", "LAST LINE" + "\n" }).Or.EqualTo(new[] { "FAKE CONSOLE OUTPUT\n", "ANOTHER\n", "LAST LINE" }));
        Assert.That(tail, Has.Count.EqualTo(1));
        Assert.That(tail[0].Text, Is.EqualTo(all[^1].Text));
    }

    [Test]
    public async Task Delete_RunningNeedsForce_ThenGoneFromNova()
    {
        var container = await CreateAsync(new ContainerSpec { Name = UniqueName(), Image = "cirros" });
        await _host.StartAsync(container, CancellationToken.None);

        var ex = Assert.ThrowsAsync<BeamException>(async () => await _host.DeleteAsync(await Fresh(container), false, CancellationToken.None));
        Assert.That(ex!.Kind, Is.EqualTo(BeamErrorKind.Conflict));
        Assert.That(ex.Message, Does.Contain("docker rm -f"), "the message says how to remove it");
        await AssertNovaAsync(container.Id, "ACTIVE");

        await _host.DeleteAsync(await Fresh(container), true, CancellationToken.None);

        Assert.That(await _cloud.ServerAsync(container.Id), Is.Null);
        var gone = Assert.ThrowsAsync<BeamException>(() => _host.GetAsync(container, CancellationToken.None));
        Assert.That(gone!.Kind, Is.EqualTo(BeamErrorKind.NotFound));
    }

    [Test]
    public void Create_UnknownImage_NoSuchImage()
    {
        var ex = Assert.ThrowsAsync<BeamException>(() => _host.CreateAsync(new ContainerSpec { Name = UniqueName(), Image = "no-such-image" }, CancellationToken.None));

        Assert.That(ex!.Kind, Is.EqualTo(BeamErrorKind.NotFound));
        Assert.That(ex.Message, Is.EqualTo("No such image: no-such-image"));
    }

    [Test]
    public async Task LegacyV2AuthUrlAndTenantName_DiscoverV3()
    {
        var root = _cloud.Env["OS_AUTH_URL"].TrimEnd('/');
        root = root[..root.LastIndexOf('/')];
        var credentials = _cloud.Credentials(new Dictionary<string, string>
        {
            ["OS_AUTH_URL"] = root + "/v2.0/",
            ["OS_TENANT_NAME"] = _cloud.Env["OS_PROJECT_NAME"],
            ["OS_PROJECT_NAME"] = "",
            ["OS_USER_DOMAIN_NAME"] = "",
            ["OS_PROJECT_DOMAIN_NAME"] = "",
        });
        await using var host = _cloud.Host(credentials: credentials);
        var container = await host.CreateAsync(new ContainerSpec { Name = UniqueName(), Image = "cirros" }, CancellationToken.None);
        _created.Add(container.Id);

        var list = await host.ListAsync(CancellationToken.None);

        Assert.That(list.Select(c => c.Id), Does.Contain(container.Id));
        Assert.That(host.TokensIssued, Is.EqualTo(1));
    }

    [Test]
    public async Task ConcurrentCreates_SameName_ExactlyOneWins()
    {
        var name = UniqueName();
        var attempts = Enumerable.Range(0, 4).Select(_ => Task.Run(() => _host.CreateAsync(new ContainerSpec { Name = name, Image = "cirros" }, CancellationToken.None))).ToList();
        try
        {
            await Task.WhenAll(attempts);
        }
        catch (BeamException)
        {
            // Checked below, one by one.
        }

        _created.AddRange(attempts.Where(t => t.IsCompletedSuccessfully).Select(t => t.Result.Id));
        Assert.That(attempts.Count(t => t.IsCompletedSuccessfully), Is.EqualTo(1));
        Assert.That(attempts.Where(t => t.IsFaulted).Select(t => ((BeamException)t.Exception!.InnerException!).Kind), Is.All.EqualTo(BeamErrorKind.Conflict));
        Assert.That(await _cloud.ServersNamedAsync(name), Has.Count.EqualTo(1));
    }

    [Test]
    public async Task Watch_CreateStartStopDelete_EmitsDockerActionsInOrder()
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(120));
        var name = UniqueName();
        var since = DateTimeOffset.UtcNow - TimeSpan.FromSeconds(1);
        var events = new List<ContainerEvent>();
        var watching = Task.Run(async () =>
        {
            // Since: the stream replays the create if it is under way only after it, so no start-up race.
            await foreach (var e in _host.WatchAsync(new WatchOptions(since), cts.Token))
            {
                if (e.Name == name)
                {
                    events.Add(e);
                    if (e.Action == "destroy")
                    {
                        return;
                    }
                }
            }
        });

        var container = await CreateAsync(new ContainerSpec { Name = name, Image = "cirros" });
        await _host.StartAsync(container, CancellationToken.None);
        await _host.StopAsync(await Fresh(container), null, CancellationToken.None);
        await _host.DeleteAsync(await Fresh(container), false, CancellationToken.None);
        await WaitFor.TaskAsync(watching, $"the destroy event of {name}", TimeSpan.FromSeconds(60));

        var actions = events.Select(e => e.Action).ToList();
        Assert.That(actions, Does.Contain("create").And.Contain("start").And.Contain("stop").And.Contain("destroy"), string.Join(", ", actions));
        Assert.That(actions.IndexOf("create"), Is.LessThan(actions.IndexOf("start")));
        Assert.That(actions.IndexOf("start"), Is.LessThan(actions.IndexOf("stop")));
        Assert.That(actions.IndexOf("stop"), Is.LessThan(actions.IndexOf("destroy")));
        Assert.That(events.Select(e => e.Id), Is.All.EqualTo(container.Id));
    }

    [Test]
    public async Task Wait_TwentyClients_OneNovaPollPerIntervalForAll()
    {
        var container = await CreateAsync(new ContainerSpec { Name = UniqueName(), Image = "cirros" });
        await _host.StartAsync(container, CancellationToken.None);
        var running = await Fresh(container);
        using var waits = new CancellationTokenSource();
        var waiters = Enumerable.Range(0, 20).Select(_ => _host.WaitAsync(running, WaitCondition.NotRunning, waits.Token)).ToList();
        await WaitFor.ConditionAsync(() => _host.Poller.Waiting == 20, "20 waits registered with the poller");
        var (polls, calls) = (_host.Poller.Polls, _host.ServerCalls);

        await WaitFor.ConditionAsync(() => _host.Poller.Polls >= polls + 10, "10 more polls", TimeSpan.FromSeconds(30));
        var (pollsAfter, callsAfter) = (_host.Poller.Polls, _host.ServerCalls);
        await waits.CancelAsync();

        // 20 clients waiting cost Nova one changes-since listing per interval, not twenty.
        Assert.That(callsAfter - calls, Is.LessThanOrEqualTo(pollsAfter - polls + 1));

        // Clients that go away (docker run -d cancels its wait when it exits) leave nothing polling for them.
        await WaitFor.ConditionAsync(() => _host.Poller.Waiting == 0, "the poller to forget the 20 cancelled waits");
        Assert.That(waiters.All(w => w.IsCanceled), Is.True, "each wait ends cancelled, nobody stopped the server");
    }

    [Test]
    public async Task RunDetached_CreateWaitStart_OneNovaCreateAndNoRedundantGets()
    {
        var before = _host.ServerCalls;

        // What docker run -d sends: create, wait (next-exit) with the id, start with the id.
        var created = await CreateAsync(new ContainerSpec { Name = UniqueName(), Image = "cirros" });
        var forWait = await _host.ResolveAsync(created.Id, CancellationToken.None);
        using var stop = new CancellationTokenSource();
        var waiting = _host.WaitAsync(forWait, WaitCondition.NextExit, stop.Token);
        var forStart = await _host.ResolveAsync(created.Id, CancellationToken.None);
        var pollsBefore = _host.Poller.Polls;
        var started = await _host.StartAsync(forStart, CancellationToken.None);
        var polls = _host.Poller.Polls - pollsBefore;
        var stillWaiting = !waiting.IsCompleted;
        await stop.CancelAsync();

        // POST /servers, the name check, the first-start marker's removal: every other call is a shared poll.
        Assert.That(started, Is.True);
        Assert.That(_host.ServerCalls - before - polls, Is.LessThanOrEqualTo(3), "calls besides the shared polls");
        Assert.That(stillWaiting, Is.True, "the wait for the next exit is still waiting after the start");
    }

    [Test]
    public async Task Info_ReportsQuotaAndCounts()
    {
        var container = await CreateAsync(new ContainerSpec { Name = UniqueName(), Image = "cirros" });

        var info = await _host.GetInfoAsync(CancellationToken.None);

        Assert.That(info.Driver, Is.EqualTo("openstack"));
        Assert.That(info.Containers, Is.GreaterThanOrEqualTo(1));
        Assert.That(info.Images, Is.GreaterThanOrEqualTo(1));
        Assert.That(info.Status.Single(kv => kv.Key == "Instances").Value, Does.Match(@"^\d+ of \d+$"));
        Assert.That((await _host.ListAsync(CancellationToken.None)).Select(c => c.Id), Does.Contain(container.Id));
    }

    private static string UniqueName() => "swt-" + Guid.NewGuid().ToString("N")[..10];

    private static async Task<List<LogEntry>> CollectAsync(IAsyncEnumerable<LogEntry> entries)
    {
        var list = new List<LogEntry>();
        await foreach (var e in entries)
        {
            list.Add(e);
        }

        return list;
    }

    // A handle as a new request would resolve it (each Docker request resolves the container afresh).
    private Task<ContainerHandle> Fresh(ContainerHandle container) => _host.ResolveAsync(container.Id, CancellationToken.None);

    private async Task<ContainerHandle> CreateAsync(ContainerSpec spec)
    {
        var created = await _host.CreateAsync(spec, CancellationToken.None);
        _created.Add(created.Id);
        return created;
    }

    private async Task AssertNovaAsync(string id, string status)
    {
        var server = await _cloud.ServerAsync(id);
        Assert.That(server, Is.Not.Null, $"server {id} in Nova");
        Assert.That((string?)server!["status"], Is.EqualTo(status), $"Nova status of {id}");
        Assert.That((string?)server["OS-EXT-STS:task_state"], Is.Null, $"Nova task state of {id}");
    }
}
