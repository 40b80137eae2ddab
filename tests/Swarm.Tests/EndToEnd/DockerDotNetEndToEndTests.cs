using Docker.DotNet;
using Docker.DotNet.Models;

namespace Swarm.Tests.EndToEnd;

/// <summary>Docker.DotNet against Nova; after each step, Nova itself is checked.</summary>
public sealed class DockerDotNetEndToEndTests : OpenstackEndToEndFixture
{
    [Test]
    public async Task Lifecycle_DockerDotNet_EachStepVisibleInNova()
    {
        var name = Name("dn");
        using var configuration = new DockerClientConfiguration(new Uri(Swarmd.DockerHost), defaultTimeout: TimeSpan.FromMinutes(3));
        using var docker = configuration.CreateClient();

        var created = await docker.Containers.CreateContainerAsync(new CreateContainerParameters { Name = name, Image = "cirros" });
        Assert.That((string?)(await Cloud.ServerAsync(created.ID))?["name"], Is.EqualTo(name));

        // The first start after a create answers 204 (true) although Nova booted the server at create; it returns
        // once the server is up.
        Assert.That(await docker.Containers.StartContainerAsync(created.ID, new ContainerStartParameters()), Is.True);
        Assert.That((string?)(await Cloud.ServerAsync(created.ID))?["status"], Is.EqualTo("ACTIVE"));
        Assert.That(await docker.Containers.StartContainerAsync(created.ID, new ContainerStartParameters()), Is.False, "a second start is 304");
        var listed = await docker.Containers.ListContainersAsync(new ContainersListParameters { All = true });
        Assert.That(listed.Single(c => c.ID == created.ID).Names, Is.EqualTo(new[] { "/" + name }));

        var stopped = await docker.Containers.StopContainerAsync(created.ID, new ContainerStopParameters());
        Assert.That(stopped, Is.True);
        Assert.That((string?)(await Cloud.ServerAsync(created.ID))?["status"], Is.EqualTo("SHUTOFF"));
        Assert.That(await docker.Containers.StopContainerAsync(created.ID, new ContainerStopParameters()), Is.False, "a second stop is 304");

        var inspected = await docker.Containers.InspectContainerAsync(created.ID);
        Assert.That(inspected.State.Status, Is.EqualTo("exited"));
        Assert.That(inspected.Name, Is.EqualTo("/" + name));

        await docker.Containers.RemoveContainerAsync(created.ID, new ContainerRemoveParameters { Force = true });
        Assert.That(await Cloud.ServerAsync(created.ID), Is.Null);
        Assert.ThrowsAsync<DockerContainerNotFoundException>(() => docker.Containers.InspectContainerAsync(created.ID));
    }
}
