using Docker.DotNet;
using Docker.DotNet.Models;
using Swarm.Tests.Support;

namespace Swarm.Tests.DockerServer;

/// <summary>Docker.DotNet (NuGet) against <c>dockerserver tcp://127.0.0.1:PORT</c> + simulator: unversioned paths.</summary>
[Category("Clients")]
[NonParallelizable]
public sealed class DockerDotNetTests
{
    private ChainHost _host = null!;
    private DockerClient _client = null!;

    [OneTimeSetUp]
    public async Task StartAsync()
    {
        _host = await ChainHost.StartDockerServerAsync();
        _client = new DockerClientConfiguration(new Uri(_host.DockerHost)).CreateClient();
    }

    [OneTimeTearDown]
    public async Task StopAsync()
    {
        _client?.Dispose();
        if (_host is not null)
        {
            await _host.DisposeAsync();
        }
    }

    [Test]
    public async Task Lifecycle_CreateStartInspectListStopRemove_AsAgainstDockerd()
    {
        var created = await _client.Containers.CreateContainerAsync(new CreateContainerParameters
        {
            Image = "cirros",
            Name = "dn1",
            Labels = new Dictionary<string, string> { ["via"] = "dotnet" },
        });
        Assert.That(created.ID, Does.Match("^[0-9a-f]{64}$"));

        Assert.That(await _client.Containers.StartContainerAsync(created.ID, new ContainerStartParameters()), Is.True);
        Assert.That(await _client.Containers.StartContainerAsync(created.ID, new ContainerStartParameters()), Is.False);

        var inspect = await _client.Containers.InspectContainerAsync("dn1");
        Assert.That((inspect.ID, inspect.Name, inspect.State.Running, inspect.Config.Image), Is.EqualTo((created.ID, "/dn1", true, "cirros")));

        var list = await _client.Containers.ListContainersAsync(new ContainersListParameters
        {
            All = true,
            Filters = new Dictionary<string, IDictionary<string, bool>> { ["label"] = new Dictionary<string, bool> { ["via=dotnet"] = true } },
        });
        Assert.That(list.Select(c => (c.ID, c.Names[0], c.State)), Is.EqualTo(new[] { (created.ID, "/dn1", "running") }));

        Assert.That(await _client.Containers.StopContainerAsync(created.ID, new ContainerStopParameters { WaitBeforeKillSeconds = 1 }), Is.True);
        Assert.That(await _client.Containers.StopContainerAsync(created.ID, new ContainerStopParameters()), Is.False);
        Assert.That((await _client.Containers.InspectContainerAsync(created.ID)).State.Status, Is.EqualTo("exited"));

        await _client.Containers.RemoveContainerAsync(created.ID, new ContainerRemoveParameters { Force = true });
        Assert.ThrowsAsync<DockerContainerNotFoundException>(() => _client.Containers.InspectContainerAsync(created.ID));
    }

    [Test]
    public void Create_UnknownImage_DockerImageNotFoundException()
    {
        Assert.ThrowsAsync<DockerImageNotFoundException>(() =>
            _client.Containers.CreateContainerAsync(new CreateContainerParameters { Image = "nosuchimage" }));
    }

    [Test]
    public async Task Version_Unversioned_ApiVersion()
    {
        var version = await _client.System.GetVersionAsync();

        Assert.That((version.APIVersion, version.Os), Is.EqualTo(("1.50", "linux")));
    }
}
