using Swarm.Tests.Scenarios;
using Swarm.Tests.Support;

namespace Swarm.Tests.DockerServer;

/// <summary>Published ports and volumes through the docker CLI, docker-py and docker-compose 1.29 on <c>dockerserver</c> + simulator.</summary>
[Category("Clients")]
[NonParallelizable]
public sealed class PortsAndVolumesTests
{
    private ChainHost _host = null!;
    private DockerCli _docker = null!;

    [OneTimeSetUp]
    public async Task StartAsync()
    {
        Clients.RequireDocker();
        _host = await ChainHost.StartDockerServerAsync();
        _docker = new DockerCli(_host.DockerHost);
    }

    [OneTimeTearDown]
    public async Task StopAsync()
    {
        _docker?.Dispose();
        if (_host is not null)
        {
            await _host.DisposeAsync();
        }
    }

    [Test]
    public Task Cli_PublishedPorts_PortPsInspectConflictAndRelease() =>
        PortsAndVolumesScenarios.CliPortsAsync(_docker, NoBackendCheck.Instance, hint => "pv-" + hint, 8080);

    [Test]
    public Task Cli_Volumes_CreateMountInUseRmVRemove() =>
        PortsAndVolumesScenarios.CliVolumesAsync(_docker, NoBackendCheck.Instance, hint => "pv-" + hint);

    [Test]
    public async Task DockerPy_PortAndVolume_PublishedMountedAndErrors()
    {
        await Clients.RequireDockerPyAsync();
        await PortsAndVolumesScenarios.DockerPyAsync(_host.DockerHost, NoBackendCheck.Instance, hint => "pv-" + hint, 8081);
    }

    [Test]
    public async Task Compose_PortAndNamedVolume_DownKeepsItDownVRemovesIt()
    {
        Clients.RequireCompose();
        using var project = new ComposeProject(_host.DockerHost, PortsAndVolumesScenarios.ComposeFile(8082), "pv");
        await PortsAndVolumesScenarios.ComposeAsync(project, _docker, NoBackendCheck.Instance, 8082);
    }

    [Test]
    public async Task Cli_BindAndTmpfs_ShownAsMounts()
    {
        await _docker.OkAsync("run", "-d", "-v", "/etc:/host:ro", "--tmpfs", "/scratch", "--name", "pv-bind", "cirros");

        var mounts = (await _docker.OkAsync("inspect", "-f", "{{range .Mounts}}{{.Type}} {{.Source}} {{.Destination}} {{.RW}};{{end}}", "pv-bind")).Stdout.Trim();

        Assert.That(mounts, Is.EqualTo("bind /etc /host false;tmpfs  /scratch true;"));
        await _docker.OkAsync("rm", "-f", "pv-bind");
    }
}
