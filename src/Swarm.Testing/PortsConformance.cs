using NUnit.Framework;
using Swarm.Core.Beam;
using Swarm.Core.Containers;

namespace Swarm.Testing;

/// <summary>
/// Published ports (<c>-p</c>, <c>-P</c>): a running container shows each published port with the address and host
/// port the backend gives it, a host port one container holds is refused to another with dockerd's words, and it is
/// free again once that container is gone. Each container is on a user network of its own (a cloud backend needs one to
/// forward to). Host ports are picked at random: a cloud's addresses are shared with other runs.
/// </summary>
/// <typeparam name="TTarget">The backend under test.</typeparam>
public abstract class PortsConformance<TTarget> : ConformanceFixture<TTarget>
    where TTarget : ConformanceTarget, new()
{
    /// <summary>A fixed host port is published as asked, on the backend's address; the binding is kept as asked.</summary>
    [Test]
    public async Task Start_FixedHostPort_PublishedOnTheBackendsAddress()
    {
        var hostPort = RandomPort();
        var container = await StartAsync(new ContainerSpec
        {
            Name = UniqueName(),
            Image = Target.Image,
            ExposedPorts = ["80/tcp"],
            PortBindings = [new PortMapping(80, "tcp", hostPort)],
        });

        var record = await Host.GetAsync(container, Token());

        var published = record.Ports.Single(p => p.PrivatePort == 80);
        Assert.That((published.Type, published.PublicPort), Is.EqualTo(("tcp", (int?)hostPort)));
        Assert.That(published.Ip, Is.Not.Null.And.Not.Empty);
        Assert.That(record.PortBindings.Select(b => (b.PrivatePort, b.Type, b.PublicPort)), Is.EqualTo(new[] { (80, "tcp", (int?)hostPort) }));
    }

    /// <summary>A port published without a host port, and every exposed port with publish-all, get one from the ephemeral range.</summary>
    [Test]
    public async Task Start_NoHostPortAndPublishAll_ChosenFromTheEphemeralRange()
    {
        var container = await StartAsync(new ContainerSpec
        {
            Name = UniqueName(),
            Image = Target.Image,
            ExposedPorts = ["80/tcp", "53/udp"],
            PortBindings = [new PortMapping(80, "tcp")],
            PublishAllPorts = true,
        });

        var ports = (await Host.GetAsync(container, Token())).Ports;

        Assert.That(ports.Select(p => (p.PrivatePort, p.Type)), Is.EquivalentTo(new[] { (80, "tcp"), (53, "udp") }));
        Assert.That(ports.Select(p => p.PublicPort), Is.All.InRange(DockerPorts.FirstEphemeral, DockerPorts.LastEphemeral));
    }

    /// <summary>A host port a running container holds is refused to a second one ("port is already allocated"), and free once the first is gone.</summary>
    [Test]
    public async Task Start_HostPortHeldByAnother_ConflictUntilItIsRemoved()
    {
        var hostPort = RandomPort();
        var first = await StartAsync(new ContainerSpec { Name = UniqueName(), Image = Target.Image, PortBindings = [new PortMapping(80, "tcp", hostPort)] });

        var ex = Assert.ThrowsAsync<BeamException>(() => StartAsync(new ContainerSpec { Name = UniqueName(), Image = Target.Image, PortBindings = [new PortMapping(81, "tcp", hostPort)] }));
        await Host.DeleteAsync(first, force: true, Token());
        var second = await StartAsync(new ContainerSpec { Name = UniqueName(), Image = Target.Image, PortBindings = [new PortMapping(81, "tcp", hostPort)] });

        Assert.That(ex!.Kind, Is.EqualTo(BeamErrorKind.Conflict));
        Assert.That(ex.Message, Does.Contain($":{hostPort} failed: port is already allocated"));
        Assert.That((await Host.GetAsync(second, Token())).Ports.Single().PublicPort, Is.EqualTo(hostPort));
    }

    /// <summary>A malformed port is refused with Docker's words before anything is made.</summary>
    [Test]
    public async Task Create_PortOutOfRange_InvalidAndNothingMade()
    {
        var name = UniqueName();

        var ex = Assert.ThrowsAsync<BeamException>(() => CreateAsync(new ContainerSpec { Name = name, Image = Target.Image, ExposedPorts = ["70000/tcp"], PublishAllPorts = true }));

        Assert.That(ex!.Kind, Is.EqualTo(BeamErrorKind.Invalid));
        Assert.That(ex.Message, Is.EqualTo("invalid port specification: \"70000\""));
        Assert.That((await Host.ListAsync(Token())).Select(c => c.Name), Does.Not.Contain(name));
    }

    // A host port unlikely to be in use by another run sharing the backend's address.
    private static int RandomPort() => Random.Shared.Next(20000, 30000);

    // Creates the container on a user network of its own and starts it (a port is published while it runs).
    private async Task<ContainerHandle> StartAsync(ContainerSpec spec)
    {
        var network = await CreateNetworkAsync(new NetworkSpec { Name = UniqueName(), Ipam = new NetworkIpam { Config = [new IpamConfig { Subnet = Target.FreeSubnet() }] } });
        var container = await CreateAsync(spec with { NetworkMode = network.Name, Networks = [new EndpointSpec { Network = network.Name }] });
        await Host.StartAsync(container, Token());
        return container;
    }
}
