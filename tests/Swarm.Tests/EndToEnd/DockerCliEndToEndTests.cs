using Swarm.Tests.Support;

namespace Swarm.Tests.EndToEnd;

/// <summary>The docker CLI's container lifecycle against Nova, each step checked in Nova too.</summary>
public sealed class DockerCliEndToEndTests : OpenstackEndToEndFixture
{
    [Test]
    public async Task Lifecycle_RunToRm_EachStepVisibleInNova()
    {
        Clients.RequireDocker();
        var name = Name("cli");

        var run = await Docker.OkAsync("run", "-d", "--name", name, "cirros");
        var id = run.Stdout.Trim();
        Assert.That(id, Does.Match("^[0-9a-f-]{36}$"), run.ToString());
        Assert.That((string?)(await Cloud.ServerAsync(id))?["name"], Is.EqualTo(name));
        await NovaStatusAsync(id, "ACTIVE");

        var ps = await Docker.OkAsync("ps");
        Assert.That(ps.Lines[0], Does.StartWith("CONTAINER ID   IMAGE"));
        Assert.That(ps.Lines.Single(l => l.EndsWith(name, StringComparison.Ordinal)), Does.Contain(" Up ").And.StartWith(id[..12]));

        var inspect = await Docker.OkAsync("inspect", "-f", "{{.Id}} {{.Name}} {{.State.Status}} {{.State.Running}}", name);
        Assert.That(inspect.Stdout.Trim(), Is.EqualTo($"{id} /{name} running true"));

        Assert.That((await Docker.OkAsync("stop", name)).Stdout.Trim(), Is.EqualTo(name));
        Assert.That((string?)(await Cloud.ServerAsync(id))?["status"], Is.EqualTo("SHUTOFF"));
        Assert.That((await Docker.OkAsync("inspect", "-f", "{{.State.Status}}", name)).Stdout.Trim(), Is.EqualTo("exited"));
        var psAll = await Docker.OkAsync("ps", "-a", "--filter", $"name={name}", "--format", "{{.Names}} {{.Status}}");
        Assert.That(psAll.Stdout.Trim(), Does.StartWith($"{name} Exited"));

        Assert.That((await Docker.OkAsync("start", name)).Stdout.Trim(), Is.EqualTo(name));
        Assert.That((string?)(await Cloud.ServerAsync(id))?["status"], Is.EqualTo("ACTIVE"));

        await Docker.OkAsync("restart", name);
        Assert.That((string?)(await Cloud.ServerAsync(id))?["status"], Is.EqualTo("ACTIVE"));

        await Docker.OkAsync("pause", name);
        Assert.That((string?)(await Cloud.ServerAsync(id))?["status"], Is.EqualTo("PAUSED"));
        Assert.That((await Docker.OkAsync("inspect", "-f", "{{.State.Status}}", name)).Stdout.Trim(), Is.EqualTo("paused"));
        await Docker.OkAsync("unpause", name);
        Assert.That((string?)(await Cloud.ServerAsync(id))?["status"], Is.EqualTo("ACTIVE"));

        var renamed = Name("cli-renamed");
        await Docker.OkAsync("rename", name, renamed);
        Assert.That((string?)(await Cloud.ServerAsync(id))?["name"], Is.EqualTo(renamed));

        var logs = await Docker.OkAsync("logs", renamed);
        Assert.That(logs.Stdout + logs.Stderr, Does.Contain("FAKE CONSOLE OUTPUT"), "the fake driver's console output");

        var rmRunning = await Docker.RunAsync("rm", renamed);
        Assert.That(rmRunning.ExitCode, Is.EqualTo(1));
        Assert.That(rmRunning.Stderr, Does.Contain("Error response from daemon: You cannot remove a running container"));

        Assert.That((await Docker.OkAsync("rm", "-f", renamed)).Stdout.Trim(), Is.EqualTo(renamed));
        Assert.That(await Cloud.ServerAsync(id), Is.Null, "rm -f returns once Nova no longer has the server");
        Assert.That((await Docker.OkAsync("ps", "-a", "-q", "--filter", $"id={id}")).Stdout.Trim(), Is.Empty);
    }

    [Test]
    public async Task Images_Glance_ListsCirros()
    {
        Clients.RequireDocker();

        var images = await Docker.OkAsync("images", "--format", "{{.Repository}}:{{.Tag}}");

        Assert.That(images.Lines, Does.Contain("cirros:latest"));
    }

    [Test]
    public async Task Run_UnknownImage_ClearNotFound()
    {
        Clients.RequireDocker();

        var run = await Docker.RunAsync("run", "-d", "--name", Name("noimage"), "no-such-image-e2e");

        Assert.That(run.ExitCode, Is.Not.Zero);
        Assert.That(run.Stderr, Does.Contain("no-such-image-e2e"));
    }

    [Test]
    public async Task Exec_NovaServer_Is501Sentence()
    {
        Clients.RequireDocker();
        var name = Name("exec");
        await Docker.OkAsync("run", "-d", "--name", name, "cirros");

        var exec = await Docker.RunAsync("exec", name, "echo", "hi");

        Assert.That(exec.ExitCode, Is.Not.Zero);
        Assert.That(exec.Stderr, Does.Contain("Error response from daemon"));
        await Docker.OkAsync("rm", "-f", name);
    }
}
