using Swarm.Tests.Scenarios;
using Swarm.Tests.Support;

namespace Swarm.Tests.EndToEnd;

/// <summary>
/// Published ports and volumes on the local OpenStack through the docker CLI, docker-py and docker-compose 1.29: the
/// scenarios the simulator passes, each step checked in Neutron and Cinder and over TCP. swarmd runs as an operator
/// would for ports: <c>--network</c> names a network routed to the external network (made here, straight in Neutron).
/// </summary>
public sealed class PortsAndVolumesEndToEndTests : OpenstackEndToEndFixture
{
    private readonly string _network = "e2e-routed-" + Guid.NewGuid().ToString("N")[..6];
    private string? _networkId;

    protected override string[] BackendSpecs => [$"openstack --flavor=m1.tiny --network={_network}"];

    private OpenstackBackendCheck Check => new(Cloud);

    [Test]
    public Task Cli_PublishedPorts_ForwardedOnAFloatingIpAndReleased()
    {
        Clients.RequireDocker();
        return PortsAndVolumesScenarios.CliPortsAsync(Docker, Check, Name, HostPort());
    }

    [Test]
    public Task Cli_Volumes_CinderVolumesAttachedAndRemoved()
    {
        Clients.RequireDocker();
        return PortsAndVolumesScenarios.CliVolumesAsync(Docker, Check, Volume);
    }

    [Test]
    public async Task DockerPy_PortAndVolume_PublishedMountedAndErrors()
    {
        await Clients.RequireDockerPyAsync();
        await PortsAndVolumesScenarios.DockerPyAsync(Swarmd.DockerHost, Check, Volume, HostPort());
    }

    [Test]
    public async Task Compose_PortAndNamedVolume_DownKeepsItDownVRemovesIt()
    {
        Clients.RequireCompose();
        Clients.RequireDocker();
        var hostPort = HostPort();
        using var project = new ComposeProject(Swarmd.DockerHost, PortsAndVolumesScenarios.ComposeFile(hostPort), "e2epv") { Timeout = TimeSpan.FromMinutes(5) };
        Track(project.Name + "_web_1");
        TrackNetwork(project.Name + "_default");
        TrackVolume(project.Name + "_data");
        await PortsAndVolumesScenarios.ComposeAsync(project, Docker, Check, hostPort);
    }

    /// <summary>
    /// Nova can leave a Cinder attachment <c>reserved</c> behind a server deleted while still a build request (its API
    /// makes the attachment before the build request): the volume is then held for a server that no longer exists.
    /// Made here straight in Cinder, as Nova leaves it; <c>docker run -v</c> and <c>docker volume rm</c> free the volume
    /// and go on.
    /// </summary>
    [Test]
    public async Task Volume_ReservedForAServerNovaNoLongerHas_RunMountsItAndRmRemovesIt()
    {
        Clients.RequireDocker();
        var volume = Volume("leftover");
        var name = Name("leftover");
        await Docker.OkAsync("volume", "create", volume);
        var id = (string)(await Cloud.CinderVolumesNamedAsync(volume)).Single()["id"]!;
        await Cloud.ReserveCinderVolumeAsync(id, Guid.NewGuid().ToString());
        Assert.That((string?)(await Cloud.CinderVolumeAsync(id))!["status"], Is.EqualTo("reserved"));

        await Docker.OkAsync("run", "-d", "-v", $"{volume}:/data", "--name", name, "cirros");
        var server = (string)(await Cloud.ServersNamedAsync(name)).Single()["id"]!;
        await WaitFor.ConditionAsync(
            async () => (await Cloud.CinderVolumeAsync(id))!["attachments"]!.AsArray().Any(a => (string?)a!["server_id"] == server),
            $"Cinder to show volume {id} attached to server {server}", TimeSpan.FromMinutes(2));

        await Docker.OkAsync("rm", "-f", name);
        await WaitFor.ConditionAsync(async () => (string?)(await Cloud.CinderVolumeAsync(id))!["status"] == "available", $"volume {id} available", TimeSpan.FromMinutes(2));
        await Cloud.ReserveCinderVolumeAsync(id, Guid.NewGuid().ToString());
        await Docker.OkAsync("volume", "rm", volume);

        Assert.That((string?)(await Cloud.CinderVolumeAsync(id))?["status"], Is.Null.Or.EqualTo("deleting"));
        Assert.That(Swarmd.Log, Does.Contain("its server").And.Contain("is gone from Nova"));
    }

    [Test]
    public async Task Run_BindMountOrTmpfs_400SayingWhyAndNothingMade()
    {
        Clients.RequireDocker();
        var name = Name("bind");

        var bind = await Docker.RunAsync("run", "-d", "-v", "/etc:/host", "--name", name, "cirros");
        var tmpfs = await Docker.RunAsync("run", "-d", "--tmpfs", "/scratch", "--name", name, "cirros");

        Assert.That(bind.Stderr, Does.Contain("cannot bind-mount /etc at /host: each container is a Nova server, which cannot see the files of the host swarmd runs on"));
        Assert.That(tmpfs.Stderr, Does.Contain("cannot mount a tmpfs at /scratch"));
        Assert.That(await Cloud.ServersNamedAsync(name), Is.Empty);
    }

    private protected override async Task PrepareCloudAsync() => _networkId = await Cloud.CreateRoutedNetworkAsync(_network);

    private protected override async Task CleanCloudAsync()
    {
        if (_networkId is not null)
        {
            await Cloud.DeleteNeutronNetworkAsync(_networkId);
        }
    }

    // A host port unlikely to be taken on the shared floating IP by another run.
    private static int HostPort() => Random.Shared.Next(20000, 30000);

    // Volumes and containers alike are removed after the fixture.
    private string Volume(string hint)
    {
        var name = Name(hint);
        TrackVolume(name);
        return name;
    }
}
