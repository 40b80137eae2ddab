using Swarm.Tests.Scenarios;
using Swarm.Tests.Support;

namespace Swarm.Tests.DockerServer;

/// <summary>Published ports and volumes through the docker CLI, docker-py and docker-compose 1.29 on <c>dockerserver</c> + simulator.</summary>
public sealed class PortsAndVolumesTests : SimulatorCliFixture
{
    [Test]
    public Task Cli_PublishedPorts_PortPsInspectConflictAndRelease() =>
        PortsAndVolumesScenarios.CliPortsAsync(Docker, NoBackendCheck.Instance, hint => "pv-" + hint, 8080);

    [Test]
    public Task Cli_Volumes_CreateMountInUseRmVRemove() =>
        PortsAndVolumesScenarios.CliVolumesAsync(Docker, NoBackendCheck.Instance, hint => "pv-" + hint);

    [Test]
    public async Task DockerPy_PortAndVolume_PublishedMountedAndErrors()
    {
        await Clients.RequireDockerPyAsync();
        await PortsAndVolumesScenarios.DockerPyAsync(Host.DockerHost, NoBackendCheck.Instance, hint => "pv-" + hint, 8081);
    }

    [Test]
    public async Task Compose_PortAndNamedVolume_DownKeepsItDownVRemovesIt()
    {
        Clients.RequireCompose();
        using var project = new ComposeProject(Host.DockerHost, PortsAndVolumesScenarios.ComposeFile(8082), "pv");
        await PortsAndVolumesScenarios.ComposeAsync(project, Docker, NoBackendCheck.Instance, 8082);
    }

    [Test]
    public async Task Cli_BindAndTmpfs_ShownAsMounts()
    {
        await Docker.OkAsync("run", "-d", "-v", "/etc:/host:ro", "--tmpfs", "/scratch", "--name", "pv-bind", "cirros");

        var mounts = (await Docker.OkAsync("inspect", "-f", "{{range .Mounts}}{{.Type}} {{.Source}} {{.Destination}} {{.RW}};{{end}}", "pv-bind")).Stdout.Trim();

        Assert.That(mounts, Is.EqualTo("bind /etc /host false;tmpfs  /scratch true;"));
        await Docker.OkAsync("rm", "-f", "pv-bind");
    }
}
