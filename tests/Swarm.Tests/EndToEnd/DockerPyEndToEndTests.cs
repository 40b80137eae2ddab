using Swarm.Tests.Support;

namespace Swarm.Tests.EndToEnd;

/// <summary>docker-py (Debian's python3-docker) against Nova; after each step, Nova itself is checked.</summary>
public sealed class DockerPyEndToEndTests : OpenstackEndToEndFixture
{
    [Test]
    public async Task Lifecycle_DockerPy_EachStepVisibleInNova()
    {
        await Clients.RequireDockerPyAsync();
        var name = Name("py");

        var run = await Py($"""
            print(c.version()["ApiVersion"])
            ctr = c.containers.run("cirros", name="{name}", detach=True)
            print(ctr.id)
            """);
        var id = run.Lines[1];
        Assert.That(run.Lines[0], Does.Match(@"^1\.\d+$"));
        Assert.That((string?)(await Cloud.ServerAsync(id))?["name"], Is.EqualTo(name));

        var stop = await Py($"""
            print([x.name for x in c.containers.list() if x.name == "{name}"])
            got = c.containers.get("{name}")
            print(got.status, got.short_id, got.image.tags)
            got.stop()
            got.reload()
            print(got.status)
            """);
        Assert.That(stop.Lines, Is.EqualTo(new[] { $"['{name}']", $"running {id[..12]} ['cirros:latest']", "exited" }).Or.EqualTo(new[] { $"['{name}']", $"running {id[..10]} ['cirros:latest']", "exited" }), stop.ToString());
        Assert.That((string?)(await Cloud.ServerAsync(id))?["status"], Is.EqualTo("SHUTOFF"));

        var start = await Py($"""
            got = c.containers.get("{name}")
            got.start()
            got.reload()
            print(got.status)
            """);
        Assert.That(start.Lines, Is.EqualTo(new[] { "running" }), start.ToString());
        Assert.That((string?)(await Cloud.ServerAsync(id))?["status"], Is.EqualTo("ACTIVE"));

        var remove = await Py($"""
            print("cirros:latest" in [t for i in c.images.list() for t in i.tags])
            c.containers.get("{name}").remove(force=True)
            print("{name}" in [x.name for x in c.containers.list(all=True)])
            """);
        Assert.That(remove.Lines, Is.EqualTo(new[] { "True", "False" }), remove.ToString());
        Assert.That(await Cloud.ServerAsync(id), Is.Null);
    }

    private async Task<CliResult> Py(string body)
    {
        var script = "import docker, os\nc = docker.DockerClient(base_url=os.environ['DOCKER_HOST'], timeout=180)\n" + body;
        var result = await Cli.RunAsync(Clients.Python, ["-c", script], new Dictionary<string, string?> { ["DOCKER_HOST"] = Swarmd.DockerHost }, timeout: TimeSpan.FromSeconds(200));
        Assert.That(result.ExitCode, Is.Zero, result.ToString());
        return result;
    }
}
