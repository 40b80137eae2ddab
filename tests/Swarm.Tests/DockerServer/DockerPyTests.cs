using Swarm.Tests.Support;

namespace Swarm.Tests.DockerServer;

/// <summary>docker-py 5 (Debian's python3-docker) against <c>dockerserver tcp://127.0.0.1:PORT</c> + simulator.</summary>
[Category("Clients")]
[NonParallelizable]
public sealed class DockerPyTests
{
    private ChainHost _host = null!;

    [OneTimeSetUp]
    public async Task StartAsync()
    {
        await Clients.RequireDockerPyAsync();
        _host = await ChainHost.StartDockerServerAsync();
    }

    [OneTimeTearDown]
    public async Task StopAsync()
    {
        if (_host is not null)
        {
            await _host.DisposeAsync();
        }
    }

    [Test]
    public async Task Version_AutoNegotiation_ApiVersion150()
    {
        var output = await PythonAsync("""
            v = client.version()
            print(v["ApiVersion"], v["MinAPIVersion"], client.api.api_version)
            print(client.ping())
            """);

        Assert.That(output, Is.EqualTo("1.50 1.24 1.50\nTrue\n"));
    }

    [Test]
    public async Task ContainersLifecycle_RunListGetStopStartRemove_SameAsDockerd()
    {
        var output = await PythonAsync("""
            c = client.containers.run("cirros", detach=True, name="py1", labels={"via": "py"})
            print(c.short_id == c.id[:10], c.name, c.status)
            print([x.name for x in client.containers.list(filters={"label": "via=py"})])
            g = client.containers.get("py1")
            print(g.id == c.id, g.status, g.image.tags, g.attrs["HostConfig"]["LogConfig"]["Type"])
            g.stop(timeout=1); g.reload(); print(g.status, g.attrs["State"]["ExitCode"])
            print([x.name for x in client.containers.list()].count("py1"), [x.name for x in client.containers.list(all=True)].count("py1"))
            g.start(); g.reload(); print(g.status)
            g.remove(force=True)
            try:
                client.containers.get("py1")
            except docker.errors.NotFound as e:
                print("NotFound", e.explanation)
            """);

        Assert.That(output, Is.EqualTo(
            "True py1 created\n"
            + "['py1']\n"
            + "True running ['cirros:latest'] json-file\n"
            + "exited 143\n"
            + "0 1\n"
            + "running\n"
            + "NotFound No such container: py1\n"));
    }

    [Test]
    public async Task Run_Attached_ReturnsLogsAndRaisesOnFailure()
    {
        var output = await PythonAsync("""
            print(repr(client.containers.run("cirros", ["echo", "hello py"], remove=True)))
            try:
                client.containers.run("cirros", ["sh", "-c", "echo boom >&2; exit 4"])
            except docker.errors.ContainerError as e:
                print("ContainerError", e.exit_status)
            """);

        Assert.That(output, Is.EqualTo("b'hello py\\n'\nContainerError 4\n"));
    }

    [Test]
    public async Task ImagesList_Always_TagsOfCatalogue()
    {
        var output = await PythonAsync("""
            print(sorted(t for i in client.images.list() for t in i.tags))
            print(client.images.get("cirros").id.startswith("sha256:"))
            """);

        Assert.That(output, Is.EqualTo("['alpine:latest', 'busybox:latest', 'cirros:latest']\nTrue\n"));
    }

    [Test]
    public async Task Networks_CreateConnectReloadRemove_SameAsDockerd()
    {
        var output = await PythonAsync("""
            ipam = docker.types.IPAMConfig(pool_configs=[docker.types.IPAMPool(subnet="10.71.0.0/24", gateway="10.71.0.1")])
            n = client.networks.create("py-net", driver="bridge", ipam=ipam, labels={"via": "py"})
            print(n.name, n.attrs["IPAM"]["Config"], n.attrs["Labels"])
            c = client.containers.create("cirros", name="py-net-c")
            n.connect(c, aliases=["svc"], ipv4_address="10.71.0.20")
            n.reload(); c.reload()
            print([x.name for x in n.containers], c.attrs["NetworkSettings"]["Networks"]["py-net"]["IPAddress"])
            print("svc" in c.attrs["NetworkSettings"]["Networks"]["py-net"]["Aliases"])
            print([x.name for x in client.networks.list(names=["py-net"])])
            n.disconnect(c); n.reload()
            print(n.containers)
            c.remove(force=True); n.remove()
            try:
                client.networks.get("py-net")
            except docker.errors.NotFound as e:
                print("NotFound", e.explanation)
            """);

        Assert.That(output, Is.EqualTo(
            "py-net [{'Subnet': '10.71.0.0/24', 'Gateway': '10.71.0.1'}] {'via': 'py'}\n"
            + "['py-net-c'] 10.71.0.20\n"
            + "True\n"
            + "['py-net']\n"
            + "[]\n"
            + "NotFound network py-net not found\n"));
    }

    private async Task<string> PythonAsync(string body)
    {
        var script = "import docker\nclient = docker.DockerClient(base_url='" + _host.DockerHost + "')\n" + body;
        var result = await Cli.RunAsync(Clients.Python, ["-c", script], timeout: TimeSpan.FromSeconds(60));
        Assert.That(result.ExitCode, Is.Zero, result.ToString());
        return result.Stdout;
    }
}
