using Swarm.Backends.Openstack;
using Swarm.Core.Beam;
using Swarm.Core.Containers;

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

        _host?.Dispose();
        _cloud.Dispose();
    }

    [Test]
    public async Task Create_ListInspect_ShowsManagedServer()
    {
        var name = UniqueName();
        var created = await CreateAsync(new ContainerSpec
        {
            Name = name,
            Image = "cirros:latest",
            Cmd = ["sh", "-c", "echo hi"],
            Env = ["A=1"],
            Labels = new Dictionary<string, string> { ["team"] = "blue" },
        });

        var nova = await _cloud.ServerAsync(created.Id);
        Assert.That(nova, Is.Not.Null);
        Assert.That((string?)nova!["name"], Is.EqualTo(name));
        Assert.That((string?)nova["metadata"]!["swarm.managed"], Is.EqualTo("1"));
        Assert.That((string?)nova["flavor"]!["original_name"], Is.EqualTo("m1.tiny"));

        var listed = (await _host.ListAsync(CancellationToken.None)).SingleOrDefault(c => c.Id == created.Id);
        Assert.That(listed, Is.Not.Null);
        Assert.That(listed!.Name, Is.EqualTo(name));
        Assert.That(listed.Image, Is.EqualTo("cirros:latest"));
        Assert.That(listed.Cmd, Is.EqualTo(new[] { "sh", "-c", "echo hi" }));
        Assert.That(listed.Env, Is.EqualTo(new[] { "A=1" }));
        Assert.That(listed.Labels["team"], Is.EqualTo("blue"));

        Assert.That(await _host.ResolveAsync(name, CancellationToken.None), Is.EqualTo(created.Id));
        Assert.That(await _host.ResolveAsync(created.Id[..8], CancellationToken.None), Is.EqualTo(created.Id));
        Assert.That(await _host.StartAsync(created.Id, CancellationToken.None), Is.True.Or.False);
        var inspected = await _host.GetAsync(created.Id, CancellationToken.None);
        Assert.That(inspected.State.Status, Is.EqualTo(ContainerStatus.Running));
        Assert.That((string?)(await _cloud.ServerAsync(created.Id))!["status"], Is.EqualTo("ACTIVE"));
    }

    [Test]
    public async Task Lifecycle_StopStartRestartPauseUnpauseKill_MatchesNova()
    {
        var id = (await CreateAsync(new ContainerSpec { Name = UniqueName(), Image = "cirros" })).Id;
        await _host.StartAsync(id, CancellationToken.None);
        await AssertNovaAsync(id, "ACTIVE");
        Assert.That(await _host.StartAsync(id, CancellationToken.None), Is.False, "start of a running server is not modified");

        Assert.That(await _host.StopAsync(id, null, CancellationToken.None), Is.True);
        await AssertNovaAsync(id, "SHUTOFF");
        Assert.That((await _host.GetAsync(id, CancellationToken.None)).State.Status, Is.EqualTo(ContainerStatus.Exited));
        Assert.That(await _host.StopAsync(id, null, CancellationToken.None), Is.False, "stop of a stopped server is not modified");
        var pauseStopped = Assert.ThrowsAsync<BeamException>(() => _host.PauseAsync(id, CancellationToken.None));
        Assert.That(pauseStopped!.Kind, Is.EqualTo(BeamErrorKind.Conflict));

        Assert.That(await _host.StartAsync(id, CancellationToken.None), Is.True);
        await AssertNovaAsync(id, "ACTIVE");

        await _host.RestartAsync(id, null, CancellationToken.None);
        await AssertNovaAsync(id, "ACTIVE");

        await _host.PauseAsync(id, CancellationToken.None);
        await AssertNovaAsync(id, "PAUSED");
        Assert.That((await _host.GetAsync(id, CancellationToken.None)).State.Status, Is.EqualTo(ContainerStatus.Paused));
        await _host.UnpauseAsync(id, CancellationToken.None);
        await AssertNovaAsync(id, "ACTIVE");

        await _host.KillAsync(id, "SIGKILL", CancellationToken.None);
        await AssertNovaAsync(id, "SHUTOFF");
        var killStopped = Assert.ThrowsAsync<BeamException>(() => _host.KillAsync(id, "SIGKILL", CancellationToken.None));
        Assert.That(killStopped!.Kind, Is.EqualTo(BeamErrorKind.Conflict));
    }

    [Test]
    public async Task Rename_ChangesNovaName_AndTakenNameConflicts()
    {
        var first = await CreateAsync(new ContainerSpec { Name = UniqueName(), Image = "cirros" });
        var second = await CreateAsync(new ContainerSpec { Name = UniqueName(), Image = "cirros" });
        var newName = UniqueName();

        await _host.RenameAsync(first.Id, newName, CancellationToken.None);

        Assert.That((string?)(await _cloud.ServerAsync(first.Id))!["name"], Is.EqualTo(newName));
        var ex = Assert.ThrowsAsync<BeamException>(() => _host.RenameAsync(second.Id, newName, CancellationToken.None));
        Assert.That(ex!.Kind, Is.EqualTo(BeamErrorKind.Conflict));
    }

    [Test]
    public async Task Logs_ReturnConsoleOutputWithTail()
    {
        var id = (await CreateAsync(new ContainerSpec { Name = UniqueName(), Image = "cirros" })).Id;
        await _host.StartAsync(id, CancellationToken.None);

        var all = await CollectAsync(_host.LogsAsync(id, new LogOptions(), CancellationToken.None));
        var tail = await CollectAsync(_host.LogsAsync(id, new LogOptions { Tail = 1 }, CancellationToken.None));

        Assert.That(all, Is.Not.Empty);
        Assert.That(tail, Has.Count.EqualTo(1));
        Assert.That(tail[0].Text, Is.EqualTo(all[^1].Text));
    }

    [Test]
    public async Task Delete_RunningNeedsForce_ThenGoneFromNova()
    {
        var id = (await CreateAsync(new ContainerSpec { Name = UniqueName(), Image = "cirros" })).Id;
        await _host.StartAsync(id, CancellationToken.None);

        var ex = Assert.ThrowsAsync<BeamException>(() => _host.DeleteAsync(id, false, CancellationToken.None));
        Assert.That(ex!.Kind, Is.EqualTo(BeamErrorKind.Conflict));
        await AssertNovaAsync(id, "ACTIVE");

        await _host.DeleteAsync(id, true, CancellationToken.None);

        Assert.That(await _cloud.ServerAsync(id), Is.Null);
        var gone = Assert.ThrowsAsync<BeamException>(() => _host.GetAsync(id, CancellationToken.None));
        Assert.That(gone!.Kind, Is.EqualTo(BeamErrorKind.NotFound));
    }

    [Test]
    public async Task Create_UnknownImage_NoSuchImage()
    {
        var ex = Assert.ThrowsAsync<BeamException>(() => _host.CreateAsync(new ContainerSpec { Name = UniqueName(), Image = "no-such-image" }, CancellationToken.None));

        Assert.That(ex!.Kind, Is.EqualTo(BeamErrorKind.NotFound));
        Assert.That(ex.Message, Is.EqualTo("No such image: no-such-image"));
        await Task.CompletedTask;
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
        using var host = _cloud.Host(credentials: credentials);

        var list = await host.ListAsync(CancellationToken.None);

        Assert.That(list, Is.Not.Null);
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
    public async Task Watch_CreateStopDelete_EmitsDockerActions()
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(120));
        var name = UniqueName();
        var events = new List<ContainerEvent>();
        var watching = Task.Run(async () =>
        {
            await foreach (var e in _host.WatchAsync(new WatchOptions(), cts.Token))
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
        await Task.Delay(1500);

        var id = (await CreateAsync(new ContainerSpec { Name = name, Image = "cirros" })).Id;
        await _host.StartAsync(id, CancellationToken.None);
        await Task.Delay(1500);
        await _host.StopAsync(id, null, CancellationToken.None);
        await Task.Delay(1500);
        await _host.DeleteAsync(id, false, CancellationToken.None);
        await watching.WaitAsync(cts.Token);

        var actions = events.Select(e => e.Action).ToList();
        Assert.That(actions, Does.Contain("create").And.Contain("stop").And.Contain("destroy"));
        Assert.That(actions.IndexOf("create"), Is.LessThan(actions.IndexOf("stop")));
        Assert.That(actions.IndexOf("stop"), Is.LessThan(actions.IndexOf("destroy")));
    }

    [Test]
    public async Task Info_ReportsQuotaAndCounts()
    {
        var info = await _host.GetInfoAsync(CancellationToken.None);

        Assert.That(info.Driver, Is.EqualTo("openstack"));
        Assert.That(info.Images, Is.GreaterThanOrEqualTo(1));
        Assert.That(info.Status.Select(kv => kv.Key), Does.Contain("Instances"));
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

    private async Task<ContainerRecord> CreateAsync(ContainerSpec spec)
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
