using System.Text.RegularExpressions;
using Swarm.Tests.Support;

namespace Swarm.Tests.Scenarios;

/// <summary>
/// Published ports and volumes as a user drives them with the docker CLI, docker-py and docker-compose 1.29, in the
/// user's order, each step checked through the client and by the backend's <see cref="IBackendCheck"/>. Run on the
/// simulator (DockerServer tests) and on the local OpenStack (EndToEnd tests): the same tests on both backends.
/// </summary>
public static class PortsAndVolumesScenarios
{
    /// <summary>
    /// <c>run -p HOST:80</c>: <c>docker port</c>, <c>ps</c> and inspect show the address and port; a second container
    /// asking for that host port is refused with dockerd's words; <c>-P --expose</c> and <c>-p 9000</c> get ports of the
    /// ephemeral range; <c>rm -f</c> releases them.
    /// </summary>
    public static async Task CliPortsAsync(DockerCli docker, IBackendCheck check, Func<string, string> name, int hostPort)
    {
        var web = name("web");
        var clash = name("clash");
        var all = name("all");
        var id = (await docker.OkAsync("run", "-d", "-p", $"{hostPort}:80", "--name", web, "cirros")).Stdout.Trim();

        var port = (await docker.OkAsync("port", web)).Stdout.Trim();
        Assert.That(port, Does.Match($@"^80/tcp -> {check.AddressPattern}:{hostPort}$"));
        var address = port[(port.IndexOf("-> ", StringComparison.Ordinal) + 3)..port.LastIndexOf(':')];
        Assert.That((await docker.OkAsync("ps", "--filter", "name=" + web, "--format", "{{.Ports}}")).Stdout.Trim(), Is.EqualTo($"{address}:{hostPort}->80/tcp"));
        var inspect = (await docker.OkAsync("inspect", "-f", "{{json .HostConfig.PortBindings}} {{json .NetworkSettings.Ports}}", web)).Stdout.Trim();
        Assert.That(inspect, Does.Match($@"^\{{""80/tcp"":\[\{{""HostIp"":""({Regex.Escape(address)})?"",""HostPort"":""{hostPort}""\}}\]\}} "
            + $@"\{{""80/tcp"":\[\{{""HostIp"":""{Regex.Escape(address)}"",""HostPort"":""{hostPort}""\}}\]\}}$"));
        await check.PublishedAsync(id, address, hostPort, 80);

        var refused = await docker.RunAsync("run", "-d", "-p", $"{hostPort}:80", "--name", clash, "cirros");
        Assert.That(refused.ExitCode, Is.Not.Zero, refused.ToString());
        Assert.That(refused.Stderr, Does.Contain($"Bind for {address}:{hostPort} failed: port is already allocated"));

        await docker.OkAsync("run", "-d", "-P", "--expose", "80", "-p", "9000", "--name", all, "cirros");
        var chosen = (await docker.OkAsync("port", all)).Lines;
        Assert.That(chosen.Select(l => l[..l.IndexOf(' ', StringComparison.Ordinal)]), Is.EquivalentTo(new[] { "80/tcp", "9000/tcp" }));
        Assert.That(chosen.Select(l => int.Parse(l[(l.LastIndexOf(':') + 1)..], System.Globalization.CultureInfo.InvariantCulture)), Is.All.InRange(32768, 60999));

        await docker.RunAsync("rm", "-f", web, clash, all);
        Assert.That((await docker.OkAsync("ps", "-a", "--format", "{{.Names}}")).Lines, Has.None.AnyOf(web, clash, all));
        await check.UnpublishedAsync(web, address, hostPort);
    }

    /// <summary>
    /// <c>volume create --label</c>, <c>ls --filter</c>, <c>inspect</c>; a container with a named volume, a volume made on
    /// the spot by <c>-v NAME:/path:ro</c> and an anonymous one; the named one cannot be removed while in use; <c>rm -f
    /// -v</c> takes the anonymous volume only; then the others are removed.
    /// </summary>
    public static async Task CliVolumesAsync(DockerCli docker, IBackendCheck check, Func<string, string> name)
    {
        var data = name("data");
        var made = name("made");
        var container = name("vol");

        Assert.That((await docker.OkAsync("volume", "create", "--label", "team=blue", data)).Stdout.Trim(), Is.EqualTo(data));
        Assert.That((await docker.OkAsync("volume", "ls", "--filter", "label=team=blue", "--format", "{{.Name}}")).Lines, Does.Contain(data));
        Assert.That((await docker.OkAsync("volume", "inspect", "-f", "{{.Name}} {{json .Labels}}", data)).Stdout.Trim(), Is.EqualTo($"{data} {{\"team\":\"blue\"}}"));

        var id = (await docker.OkAsync("run", "-d", "-v", $"{data}:/data", "-v", $"{made}:/made:ro", "-v", "/cache", "--name", container, "cirros")).Stdout.Trim();
        var mounts = (await docker.OkAsync("inspect", "-f", "{{range .Mounts}}{{.Type}} {{.Name}} {{.Destination}} {{.RW}};{{end}}", container)).Stdout.Trim().TrimEnd(';').Split(';');
        Assert.That(mounts, Has.Length.EqualTo(3));
        Assert.That(mounts, Does.Contain($"volume {data} /data true").And.Contain($"volume {made} /made false"));
        var anonymous = mounts.Single(m => m.EndsWith(" /cache true", StringComparison.Ordinal)).Split(' ')[1];
        Assert.That(anonymous, Does.Match("^[0-9a-f]{64}$"));
        Assert.That((await docker.OkAsync("volume", "ls", "--format", "{{.Name}}")).Lines, Is.SupersetOf(new[] { data, made, anonymous }));
        await check.VolumeInUseAsync(data, id);
        await check.VolumeInUseAsync(made, id);

        var busy = await docker.RunAsync("volume", "rm", data);
        Assert.That(busy.ExitCode, Is.Not.Zero);
        Assert.That(busy.Stderr, Does.Contain($"remove {data}: volume is in use - [{id}]"));

        await docker.OkAsync("rm", "-f", "-v", container);
        var left = (await docker.OkAsync("volume", "ls", "--filter", "dangling=true", "--format", "{{.Name}}")).Lines;
        Assert.That(left, Does.Contain(data).And.Contain(made).And.Not.Contain(anonymous), "rm -v removed the anonymous volume only");
        await check.VolumeFreeAsync(data);
        await check.VolumeGoneAsync(anonymous);

        Assert.That((await docker.OkAsync("volume", "rm", data, made)).Lines, Is.EqualTo(new[] { data, made }));
        Assert.That((await docker.OkAsync("volume", "ls", "--format", "{{.Name}}")).Lines, Has.None.AnyOf(data, made));
        await check.VolumeGoneAsync(data);
    }

    /// <summary>docker-py: a volume and a container publishing a port and mounting it, the volume refused while in use, a bad port refused.</summary>
    public static async Task DockerPyAsync(string dockerHost, IBackendCheck check, Func<string, string> name, int hostPort)
    {
        var volume = name("pyvol");
        var container = name("pyc");
        var output = await PythonAsync(dockerHost, $$$"""
            v = client.volumes.create("{{{volume}}}", labels={"via": "py"})
            c = client.containers.run("cirros", detach=True, name="{{{container}}}", ports={"80/tcp": {{{hostPort}}}}, volumes={"{{{volume}}}": {"bind": "/data", "mode": "rw"}})
            c.reload()
            b = c.ports["80/tcp"][0]
            print(c.id, b["HostIp"], b["HostPort"], c.attrs["Mounts"][0]["Name"], c.attrs["Mounts"][0]["Destination"])
            print([x.name for x in client.volumes.list(filters={"label": "via=py"})])
            try:
                v.remove()
            except docker.errors.APIError as e:
                print(e.status_code, "volume is in use" in e.explanation)
            try:
                client.containers.create("cirros", ports={"80/tcp": 99999})
            except docker.errors.APIError as e:
                print(e.status_code, e.explanation)
            c.remove(force=True)
            v.remove()
            try:
                client.volumes.get("{{{volume}}}")
            except docker.errors.NotFound as e:
                print("NotFound", e.explanation)
            """);

        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var first = lines[0].Split(' ');
        Assert.That(first[1..], Has.Length.EqualTo(4));
        Assert.That(first[1], Does.Match($"^{check.AddressPattern}$"));
        Assert.That(first[2..], Is.EqualTo(new[] { hostPort.ToString(System.Globalization.CultureInfo.InvariantCulture), volume, "/data" }));
        Assert.That(lines[1..], Is.EqualTo(new[]
        {
            $"['{volume}']",
            "409 True",
            "400 invalid port specification: \"99999\"",
            $"NotFound get {volume}: no such volume",
        }));
        await check.UnpublishedAsync(container, first[1], hostPort);
        await check.VolumeGoneAsync(volume);
    }

    /// <summary>
    /// A compose file with a published port and a named volume: <c>up -d</c> creates the volume with compose's labels and
    /// publishes the port; <c>down</c> keeps the volume and releases the port; <c>up</c> again mounts the same volume;
    /// <c>down -v</c> removes it.
    /// </summary>
    public static async Task ComposeAsync(ComposeProject project, DockerCli docker, IBackendCheck check, int hostPort)
    {
        var volume = project.Name + "_data";
        var web = project.Name + "_web_1";

        var up = await project.OkAsync("up", "-d");
        Assert.That(up.Stderr, Does.Contain($"Creating volume \"{volume}\" with default driver"));
        var published = (await project.OkAsync("port", "web", "80")).Stdout.Trim();
        Assert.That(published, Does.Match($"^{check.AddressPattern}:{hostPort}$"));
        var address = published[..published.LastIndexOf(':')];
        var id = (await docker.OkAsync("inspect", "-f", "{{.Id}}", web)).Stdout.Trim();
        Assert.That((await docker.OkAsync("inspect", "-f", "{{range .Mounts}}{{.Name}} {{.Destination}}{{end}}", web)).Stdout.Trim(), Is.EqualTo($"{volume} /var/lib/data"));
        Assert.That((await docker.OkAsync("volume", "inspect", "-f", "{{index .Labels \"com.docker.compose.project\"}} {{index .Labels \"com.docker.compose.volume\"}}", volume)).Stdout.Trim(),
            Is.EqualTo($"{project.Name} data"));
        await check.PublishedAsync(id, address, hostPort, 80);
        await check.VolumeInUseAsync(volume, id);

        await project.OkAsync("down");
        Assert.That((await docker.OkAsync("volume", "ls", "--format", "{{.Name}}")).Lines, Does.Contain(volume), "down keeps named volumes");
        await check.UnpublishedAsync(web, address, hostPort);
        await check.VolumeFreeAsync(volume);

        await project.OkAsync("up", "-d");
        Assert.That((await docker.OkAsync("inspect", "-f", "{{range .Mounts}}{{.Name}}{{end}}", web)).Stdout.Trim(), Is.EqualTo(volume), "up again mounts the same volume");

        var down = await project.OkAsync("down", "-v");
        Assert.That(down.Stderr, Does.Contain($"Removing volume {volume}"));
        Assert.That((await docker.OkAsync("volume", "ls", "--format", "{{.Name}}")).Lines, Does.Not.Contain(volume));
        await check.VolumeGoneAsync(volume);
    }

    /// <summary>The compose file of <see cref="ComposeAsync"/>.</summary>
    public static string ComposeFile(int hostPort) => $$"""
        version: "3.8"
        services:
          web:
            image: cirros
            ports:
              - "{{hostPort}}:80"
            volumes:
              - data:/var/lib/data
        volumes:
          data: {}
        """;

    private static async Task<string> PythonAsync(string dockerHost, string body)
    {
        var script = "import docker\nclient = docker.DockerClient(base_url='" + dockerHost + "', timeout=300)\n" + body;
        var result = await Cli.RunAsync(Clients.Python, ["-c", script], timeout: TimeSpan.FromMinutes(5));
        Assert.That(result.ExitCode, Is.Zero, result.ToString());
        return result.Stdout;
    }
}
