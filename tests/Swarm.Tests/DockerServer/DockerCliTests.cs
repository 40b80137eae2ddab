using Swarm.Tests.Support;

namespace Swarm.Tests.DockerServer;

/// <summary>The real docker CLI 28 against <c>dockerserver tcp://127.0.0.1:PORT</c> + simulator; asserts what it prints.</summary>
public sealed class DockerCliTests : SimulatorCliFixture
{
    [Test]
    public async Task Version_Always_ServerSectionWithApiVersions()
    {
        var result = await Docker.OkAsync("version");

        Assert.That(result.Stdout, Does.Contain("Server: swarmd for .NET"));
        Assert.That(result.Stdout, Does.Match(@"API version:\s+1\.50 \(minimum version 1\.24\)"));
        Assert.That(result.Stderr, Is.Empty);
    }

    [Test]
    public async Task Info_Always_CountsAndDriverWithoutErrors()
    {
        var result = await Docker.OkAsync("info");

        Assert.That(result.Stdout, Does.Contain("Storage Driver: simulator"));
        Assert.That(result.Stdout, Does.Match(@"Images: 3"));
        Assert.That(result.Stdout, Does.Contain("Swarm: inactive"));
        Assert.That(result.Stderr, Does.Not.Contain("ERROR"));
    }

    [Test]
    public async Task Inspect_MemoryAndCpus_ShowWhatWasAsked()
    {
        await Docker.OkAsync("run", "-d", "-m", "64m", "--cpus", "1.5", "--name", "cli-limits", "cirros");

        var limits = await Docker.OkAsync("inspect", "-f", "{{.HostConfig.Memory}} {{.HostConfig.NanoCpus}}", "cli-limits");

        Assert.That(limits.Stdout.Trim(), Is.EqualTo("67108864 1500000000"));
        await Docker.OkAsync("rm", "-f", "cli-limits");
    }

    [Test]
    public async Task ImageInspect_Cirros_ShowsTheCommandItsContainersRun()
    {
        var cmd = await Docker.OkAsync("image", "inspect", "-f", "{{json .Config.Cmd}}", "cirros");

        Assert.That(cmd.Stdout.Trim(), Is.EqualTo("[\"/sbin/init\"]"));
    }

    [Test]
    public async Task RunDetached_ThenPs_ListedAsUp()
    {
        var id = (await Docker.OkAsync("run", "-d", "--name", "cli-web", "cirros")).Stdout.Trim();

        Assert.That(id, Does.Match("^[0-9a-f]{64}$"));
        var ps = await Docker.OkAsync("ps");
        var line = ps.Lines.Single(l => l.EndsWith("cli-web", StringComparison.Ordinal));
        Assert.That(line, Does.StartWith(id[..12]));
        Assert.That(line, Does.Contain("cirros").And.Contain("\"/sbin/init\"").And.Match(@"Up (Less than a second|\d+ seconds?)"));
        Assert.That(ps.Lines[0], Does.Match(@"^CONTAINER ID\s+IMAGE\s+COMMAND\s+CREATED\s+STATUS\s+PORTS\s+NAMES$"));
    }

    [Test]
    public async Task Create_ThenPsAllAndQuiet_CreatedOnlyWithAll()
    {
        var id = (await Docker.OkAsync("create", "--name", "cli-created", "cirros")).Stdout.Trim();

        Assert.That((await Docker.OkAsync("ps")).Stdout, Does.Not.Contain("cli-created"));
        Assert.That((await Docker.OkAsync("ps", "-a")).Lines.Single(l => l.EndsWith("cli-created", StringComparison.Ordinal)), Does.Contain("Created"));
        Assert.That((await Docker.OkAsync("ps", "-a", "-q")).Lines, Does.Contain(id[..12]));
    }

    [Test]
    public async Task PsFilter_Name_OnlyThatContainer()
    {
        await Docker.OkAsync("create", "--name", "cli-filter-a", "cirros");
        await Docker.OkAsync("create", "--name", "cli-filter-b", "cirros");

        var result = await Docker.OkAsync("ps", "-a", "--filter", "name=cli-filter-a", "--format", "{{.Names}} {{.Status}}");

        Assert.That(result.Lines, Is.EqualTo(new[] { "cli-filter-a Created" }));
    }

    [Test]
    public async Task StartStopRestart_Lifecycle_PrintsNameAndStateFollows()
    {
        await Docker.OkAsync("create", "--name", "cli-life", "cirros");

        Assert.That((await Docker.OkAsync("start", "cli-life")).Stdout, Is.EqualTo("cli-life\n"));
        Assert.That((await Docker.OkAsync("start", "cli-life")).Stdout, Is.EqualTo("cli-life\n"));
        Assert.That(await StateAsync("cli-life"), Is.EqualTo("running"));
        Assert.That((await Docker.OkAsync("stop", "-t", "1", "cli-life")).Stdout, Is.EqualTo("cli-life\n"));
        Assert.That((await Docker.OkAsync("stop", "cli-life")).Stdout, Is.EqualTo("cli-life\n"));
        Assert.That(await StateAsync("cli-life"), Is.EqualTo("exited"));
        Assert.That((await Docker.OkAsync("restart", "cli-life")).Stdout, Is.EqualTo("cli-life\n"));
        Assert.That(await StateAsync("cli-life"), Is.EqualTo("running"));
    }

    [Test]
    public async Task KillPauseUnpause_Running_StatesFollowAndKillOfStoppedFails()
    {
        await Docker.OkAsync("run", "-d", "--name", "cli-signals", "cirros");

        Assert.That((await Docker.OkAsync("pause", "cli-signals")).Stdout, Is.EqualTo("cli-signals\n"));
        Assert.That((await Docker.OkAsync("ps", "--filter", "name=cli-signals", "--format", "{{.Status}}")).Stdout, Does.EndWith("(Paused)\n"));
        Assert.That((await Docker.OkAsync("unpause", "cli-signals")).Stdout, Is.EqualTo("cli-signals\n"));
        Assert.That((await Docker.OkAsync("kill", "cli-signals")).Stdout, Is.EqualTo("cli-signals\n"));
        Assert.That(await StateAsync("cli-signals"), Is.EqualTo("exited"));

        var again = await Docker.RunAsync("kill", "cli-signals");
        Assert.That(again.ExitCode, Is.EqualTo(1));
        Assert.That(again.Stderr, Does.StartWith("Error response from daemon: ").And.Contain("is not running"));
    }

    [Test]
    public async Task Rename_Existing_NewNameListed()
    {
        await Docker.OkAsync("create", "--name", "cli-rename-a", "cirros");

        await Docker.OkAsync("rename", "cli-rename-a", "cli-rename-b");

        Assert.That((await Docker.OkAsync("ps", "-a", "--format", "{{.Names}}")).Lines, Does.Contain("cli-rename-b").And.Not.Contain("cli-rename-a"));
    }

    [Test]
    public async Task Inspect_ContainerAndFormat_JsonArrayAndFields()
    {
        var id = (await Docker.OkAsync("create", "--name", "cli-inspect", "--label", "tier=web", "cirros")).Stdout.Trim();

        var format = await Docker.OkAsync("inspect", "--format", "{{.Id}} {{.Name}} {{.State.Status}} {{.Config.Image}} {{index .Config.Labels \"tier\"}}", "cli-inspect");
        Assert.That(format.Stdout, Is.EqualTo($"{id} /cli-inspect created cirros web\n"));
        Assert.That((await Docker.OkAsync("inspect", "cli-inspect")).Stdout, Does.StartWith("[\n    {\n        \"Id\": \"" + id));
    }

    [Test]
    public async Task Inspect_Unknown_NoSuchObject()
    {
        var result = await Docker.RunAsync("inspect", "cli-nosuch");

        Assert.That(result.ExitCode, Is.EqualTo(1));
        Assert.That(result.Stdout, Is.EqualTo("[]\n"));
        Assert.That(result.Stderr, Is.EqualTo("Error: No such object: cli-nosuch\n"));
    }

    [Test]
    public async Task RunAttached_Echo_PrintsOutputAndExitCode()
    {
        var hi = await Docker.RunAsync("run", "--name", "cli-echo", "cirros", "echo", "hi");
        Assert.That((hi.ExitCode, hi.Stdout), Is.EqualTo((0, "hi\n")), hi.ToString());

        var failing = await Docker.RunAsync("run", "cirros", "sh", "-c", "echo out; echo err >&2; exit 3");
        Assert.That((failing.ExitCode, failing.Stdout, failing.Stderr), Is.EqualTo((3, "out\n", "err\n")), failing.ToString());
    }

    [Test]
    public async Task RunInteractive_Stdin_EchoedBackByCat()
    {
        var result = await Docker.RunWithStdinAsync("piped line\n", "run", "-i", "--rm", "cirros", "cat");

        Assert.That((result.ExitCode, result.Stdout), Is.EqualTo((0, "piped line\n")), result.ToString());
    }

    [Test]
    public async Task Logs_FinishedContainer_OutputAndTimestamps()
    {
        await Docker.RunAsync("run", "--name", "cli-logs", "cirros", "sh", "-c", "echo one; echo two");

        Assert.That((await Docker.OkAsync("logs", "cli-logs")).Stdout, Is.EqualTo("one\ntwo\n"));
        Assert.That((await Docker.OkAsync("logs", "--tail", "1", "cli-logs")).Stdout, Is.EqualTo("two\n"));
        Assert.That((await Docker.OkAsync("logs", "-t", "cli-logs")).Lines, Has.All.Match(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{9}Z (one|two)$"));
    }

    [Test]
    public async Task LogsFollow_UntilStop_StreamsThenExits()
    {
        await Docker.OkAsync("run", "-d", "--name", "cli-follow", "cirros", "sh", "-c", "echo first; sleep 30");
        await using var follow = Docker.Start("logs", "-f", "cli-follow");
        await WaitFor.ConditionAsync(() => follow.Stdout.Contains("first\n", StringComparison.Ordinal), "`docker logs -f` to print the first line");

        await Docker.OkAsync("stop", "-t", "1", "cli-follow");

        var done = await follow.WaitForExitAsync(TimeSpan.FromSeconds(15));
        Assert.That((done.ExitCode, done.Stdout), Is.EqualTo((0, "first\n")));
    }

    [Test]
    public async Task Wait_ExitingContainer_PrintsExitCode()
    {
        await Docker.OkAsync("run", "-d", "--name", "cli-wait", "cirros", "sh", "-c", "sleep 1; exit 7");

        var result = await Docker.RunAsync("wait", "cli-wait");

        Assert.That((result.ExitCode, result.Stdout), Is.EqualTo((0, "7\n")), result.ToString());
    }

    [Test]
    public async Task EventsUntil_Lifecycle_PrintsEachEventThenExits()
    {
        var since = DateTimeOffset.UtcNow.AddSeconds(-1).ToUnixTimeSeconds();
        var id = (await Docker.OkAsync("run", "-d", "--name", "cli-events", "cirros")).Stdout.Trim();
        await Docker.OkAsync("pause", "cli-events");
        var until = DateTimeOffset.UtcNow.AddSeconds(1).ToUnixTimeSeconds();

        var result = await Docker.OkAsync("events", "--since", since.ToString(), "--until", until.ToString(), "--filter", "container=cli-events");

        Assert.That(result.Lines.Select(l => l.Split(' ')[2]), Is.EqualTo(new[] { "create", "start", "pause" }));
        Assert.That(result.Lines[2], Does.Match($@"^\S+ container pause {id} \(image=cirros, name=cli-events\)$"));
    }

    [Test]
    public async Task Rm_StoppedAndForce_RemovedAndPsForgetsThem()
    {
        await Docker.OkAsync("create", "--name", "cli-rm", "cirros");
        await Docker.OkAsync("run", "-d", "--name", "cli-rmf", "cirros");

        var running = await Docker.RunAsync("rm", "cli-rmf");
        Assert.That(running.ExitCode, Is.EqualTo(1));
        Assert.That(running.Stderr, Does.StartWith("Error response from daemon: "));
        Assert.That((await Docker.OkAsync("rm", "cli-rm")).Stdout, Is.EqualTo("cli-rm\n"));
        Assert.That((await Docker.OkAsync("rm", "-f", "cli-rmf")).Stdout, Is.EqualTo("cli-rmf\n"));
        Assert.That((await Docker.OkAsync("ps", "-a", "--format", "{{.Names}}")).Lines, Does.Not.Contain("cli-rm").And.Not.Contain("cli-rmf"));

        var missing = await Docker.RunAsync("rm", "cli-nosuch");
        Assert.That((missing.ExitCode, missing.Stderr), Is.EqualTo((1, "Error response from daemon: No such container: cli-nosuch\n")));
    }

    [Test]
    public async Task Images_Always_TableOfCatalogue()
    {
        var result = await Docker.OkAsync("images", "--format", "{{.Repository}}:{{.Tag}}");

        Assert.That(result.Lines, Is.SupersetOf(new[] { "cirros:latest", "busybox:latest", "alpine:latest" }));
    }

    [Test]
    public async Task Pull_KnownAndUnknown_UpToDateOrError()
    {
        var known = await Docker.OkAsync("pull", "cirros");
        Assert.That(known.Stdout, Is.EqualTo(
            "Using default tag: latest\nlatest: Pulling from library/cirros\n"
            + $"Digest: {(await Docker.OkAsync("image", "inspect", "--format", "{{.Id}}", "cirros")).Stdout.Trim()}\n"
            + "Status: Image is up to date for cirros:latest\ndocker.io/library/cirros:latest\n"));

        var unknown = await Docker.RunAsync("pull", "nosuchimage");
        Assert.That(unknown.ExitCode, Is.EqualTo(1));
        Assert.That(unknown.Stderr, Does.StartWith("Error response from daemon: No such image"));
    }

    [Test]
    public async Task PinnedVersion_TooNew_DockerdMessage()
    {
        using var pinned = new DockerCli(Host.DockerHost, new Dictionary<string, string?> { ["DOCKER_API_VERSION"] = "1.51" });

        var result = await pinned.RunAsync("ps");

        Assert.That(result.ExitCode, Is.EqualTo(1));
        Assert.That(result.Stderr, Is.EqualTo("Error response from daemon: client version 1.51 is too new. Maximum supported API version is 1.50\n"));
    }

    [Test]
    public async Task Exec_NotImplemented_ErrorSentence()
    {
        await Docker.OkAsync("run", "-d", "--name", "cli-exec", "cirros");

        var result = await Docker.RunAsync("exec", "cli-exec", "ls");

        Assert.That(result.ExitCode, Is.Not.Zero);
        Assert.That(result.Stderr, Does.Contain("swarmd does not implement exec"));
    }

    private async Task<string> StateAsync(string name) =>
        (await Docker.OkAsync("inspect", "--format", "{{.State.Status}}", name)).Stdout.Trim();
}
