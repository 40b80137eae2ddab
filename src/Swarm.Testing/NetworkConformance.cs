using System.Net;
using NUnit.Framework;
using Swarm.Core.Beam;
using Swarm.Core.Containers;

namespace Swarm.Testing;

/// <summary>
/// The networks role: create, list, inspect and remove networks with dockerd's rules and messages, containers created
/// on them and connected or disconnected later, and each network's container list kept right.
/// </summary>
/// <typeparam name="TTarget">The backend under test.</typeparam>
public abstract class NetworkConformance<TTarget> : ConformanceFixture<TTarget>
    where TTarget : ConformanceTarget, new()
{
    /// <summary>A compose v2 config hash: 64 characters, longer than anything one Neutron tag holds.</summary>
    private const string ConfigHash = "3f1d5c2a9b8e7f6d5c4b3a29181706f5e4d3c2b1a09f8e7d6c5b4a3928170615";

    /// <summary>The predefined bridge and none are always there, marked predefined.</summary>
    [Test]
    public async Task ListNetworks_Always_HasPredefinedBridgeAndNone()
    {
        var networks = await Host.ListNetworksAsync(Token());

        Assert.That(networks.Where(n => n.Predefined).Select(n => n.Name), Is.SupersetOf(new[] { "bridge", "none" }));
    }

    /// <summary>A new network is listed, and inspect echoes driver, options, pools and labels verbatim.</summary>
    [Test]
    public async Task CreateNetwork_WithPoolLabelsAndOptions_ListedAndEchoedVerbatim()
    {
        var name = UniqueName();
        var subnet = Target.FreeSubnet();
        var labels = new Dictionary<string, string>
        {
            ["com.docker.compose.project"] = "conf",
            ["com.docker.compose.network"] = "default",
            ["com.docker.compose.config-hash"] = ConfigHash,
        };
        var options = new Dictionary<string, string> { ["com.example.option"] = "x" };

        var created = await CreateNetworkAsync(new NetworkSpec { Name = name, Labels = labels, Options = options, Ipam = new NetworkIpam { Config = [new IpamConfig { Subnet = subnet }] } });
        var listed = await Host.ListNetworksAsync(Token());
        var inspected = await Host.GetNetworkAsync(name, Token());

        Assert.That(listed.Select(n => n.Id), Does.Contain(created.Id));
        Assert.That(inspected.Id, Is.EqualTo(created.Id));
        Assert.That(inspected.Driver, Is.EqualTo("bridge"));
        Assert.That(inspected.Labels, Is.EquivalentTo(labels));
        Assert.That(inspected.Options, Is.EquivalentTo(options));
        Assert.That(inspected.Ipam.Config.Select(c => c.Subnet), Is.EqualTo(new[] { subnet }));
        Assert.That(inspected.Ipam.Config[0].Gateway, Is.Not.Empty, "the gateway in use is shown");
        Assert.That(inspected.Predefined, Is.False);
    }

    /// <summary>Name, full id and a unique id prefix find the same network.</summary>
    [Test]
    public async Task GetNetwork_NameIdOrPrefix_SameNetwork()
    {
        var name = UniqueName();
        var created = await CreateNetworkAsync(new NetworkSpec { Name = name, Ipam = Pool() });

        var byName = await Host.GetNetworkAsync(name, Token());
        var byId = await Host.GetNetworkAsync(created.Id, Token());
        var byPrefix = await Host.GetNetworkAsync(created.Id[..12], Token());

        Assert.That(new[] { byName.Id, byId.Id, byPrefix.Id }, Is.All.EqualTo(created.Id));
    }

    /// <summary>An unknown network is not found, with dockerd's message.</summary>
    [Test]
    public void GetNetwork_Unknown_NotFoundWithDockerMessage()
    {
        var ex = Assert.ThrowsAsync<BeamException>(() => Host.GetNetworkAsync("no-such-network-xyz", Token()));

        Assert.That(ex!.Kind, Is.EqualTo(BeamErrorKind.NotFound));
        Assert.That(ex.Message, Is.EqualTo("network no-such-network-xyz not found"));
    }

    /// <summary>A second network with a name in use is a conflict, with dockerd's message.</summary>
    [Test]
    public async Task CreateNetwork_NameInUse_Conflict()
    {
        var name = UniqueName();
        await CreateNetworkAsync(new NetworkSpec { Name = name, Ipam = Pool() });

        var ex = Assert.ThrowsAsync<BeamException>(() => Host.CreateNetworkAsync(new NetworkSpec { Name = name, Ipam = Pool() }, Token()));

        Assert.That(ex!.Kind, Is.EqualTo(BeamErrorKind.Conflict));
        Assert.That(ex.Message, Is.EqualTo($"network with name {name} already exists"));
    }

    /// <summary>Malformed pools are refused before anything is made, with dockerd's messages.</summary>
    [TestCase("10.1.2.3/99", "", "invalid subnet 10.1.2.3/99: invalid CIDR block notation")]
    [TestCase("not-a-subnet", "", "invalid subnet not-a-subnet: invalid CIDR block notation")]
    [TestCase("10.20.30.0/24", "10.20.31.1", "invalid gateway 10.20.31.1: parent subnet 10.20.30.0/24 doesn't contain this address")]
    [TestCase("10.20.30.1/24", "", "invalid subnet 10.20.30.1/24: it should be 10.20.30.0/24")]
    public void CreateNetwork_BadPool_InvalidWithDockerMessage(string subnet, string gateway, string message)
    {
        var spec = new NetworkSpec { Name = UniqueName(), Ipam = new NetworkIpam { Config = [new IpamConfig { Subnet = subnet, Gateway = gateway }] } };

        var ex = Assert.ThrowsAsync<BeamException>(() => Host.CreateNetworkAsync(spec, Token()));

        Assert.That(ex!.Kind, Is.EqualTo(BeamErrorKind.Invalid));
        Assert.That(ex.Message, Does.StartWith("invalid network config:").And.Contain(message));
    }

    /// <summary>A subnet that overlaps another network's is refused.</summary>
    [Test]
    public async Task CreateNetwork_OverlappingSubnet_Invalid()
    {
        var subnet = Target.FreeSubnet();
        await CreateNetworkAsync(new NetworkSpec { Name = UniqueName(), Ipam = new NetworkIpam { Config = [new IpamConfig { Subnet = subnet }] } });
        var wider = new Cidr(Cidr.Parse(subnet).Address, 16).Masked.ToString();

        var ex = Assert.ThrowsAsync<BeamException>(() => Host.CreateNetworkAsync(
            new NetworkSpec { Name = UniqueName(), Ipam = new NetworkIpam { Config = [new IpamConfig { Subnet = wider }] } }, Token()));

        Assert.That(ex!.Kind, Is.EqualTo(BeamErrorKind.Invalid));
        Assert.That(ex.Message, Does.Contain("Pool overlaps with other one on this address space"));
    }

    /// <summary>A container created on a network has an address of its subnet, and the network lists it.</summary>
    [Test]
    public async Task Create_OnNetwork_EndpointInSubnetAndListedByNetwork()
    {
        var subnet = Target.FreeSubnet();
        var network = await CreateNetworkAsync(new NetworkSpec { Name = UniqueName(), Ipam = new NetworkIpam { Config = [new IpamConfig { Subnet = subnet }] } });

        var container = await CreateAsync(new ContainerSpec
        {
            Name = UniqueName(),
            Image = Target.Image,
            NetworkMode = network.Name,
            Networks = [new EndpointSpec { Network = network.Name, Aliases = ["web"] }],
        });
        var endpoint = (await Host.GetAsync(container, Token())).Networks.Single();
        var inspected = await Host.GetNetworkAsync(network.Id, Token());

        Assert.That(endpoint.Network, Is.EqualTo(network.Name));
        Assert.That(endpoint.NetworkId, Is.EqualTo(network.Id));
        Assert.That(endpoint.EndpointId, Is.Not.Empty);
        Assert.That(Cidr.Parse(subnet).Contains(IPAddress.Parse(endpoint.IPAddress)), Is.True, $"{endpoint.IPAddress} is in {subnet}");
        Assert.That(endpoint.IPPrefixLen, Is.EqualTo(24));
        Assert.That(endpoint.Gateway, Is.Not.Empty);
        Assert.That(endpoint.MacAddress, Is.Not.Empty);
        Assert.That(endpoint.Aliases, Does.Contain("web"));
        Assert.That(inspected.Containers.Select(c => (c.ContainerId, c.EndpointId, c.IPv4Address)),
            Is.EqualTo(new[] { (container.Id, endpoint.EndpointId, $"{endpoint.IPAddress}/24") }));
    }

    /// <summary>A container asking for an address on a user-configured subnet gets it; a second one asking for it is refused.</summary>
    [Test]
    public async Task Create_StaticAddress_GetsItAndSecondAskIsConflict()
    {
        var subnet = Cidr.Parse(Target.FreeSubnet());
        var network = await CreateNetworkAsync(new NetworkSpec { Name = UniqueName(), Ipam = new NetworkIpam { Config = [new IpamConfig { Subnet = subnet.ToString() }] } });
        var address = subnet.At(77).ToString();

        var container = await CreateAsync(new ContainerSpec { Name = UniqueName(), Image = Target.Image, Networks = [new EndpointSpec { Network = network.Id, IPv4Address = address }] });
        var ex = Assert.ThrowsAsync<BeamException>(() => CreateAsync(
            new ContainerSpec { Name = UniqueName(), Image = Target.Image, Networks = [new EndpointSpec { Network = network.Id, IPv4Address = address }] }));

        Assert.That((await Host.GetAsync(container, Token())).Networks.Single().IPAddress, Is.EqualTo(address));
        Assert.That(ex!.Kind, Is.EqualTo(BeamErrorKind.Conflict));
        Assert.That(ex.Message, Does.Contain("Address already in use"));
    }

    /// <summary>An address on the default network is refused with dockerd's message.</summary>
    [Test]
    public void Create_StaticAddressOnBridge_Invalid()
    {
        var ex = Assert.ThrowsAsync<BeamException>(() => CreateAsync(
            new ContainerSpec { Name = UniqueName(), Image = Target.Image, Networks = [new EndpointSpec { Network = "bridge", IPv4Address = "172.17.0.50" }] }));

        Assert.That(ex!.Kind, Is.EqualTo(BeamErrorKind.Invalid));
        Assert.That(ex.Message, Is.EqualTo("user specified IP address is supported on user defined networks only"));
    }

    /// <summary>A create on an unknown network is not found, with dockerd's message, and makes no container.</summary>
    [Test]
    public async Task Create_UnknownNetwork_NotFoundAndNoContainer()
    {
        var name = UniqueName();

        var ex = Assert.ThrowsAsync<BeamException>(() => CreateAsync(
            new ContainerSpec { Name = name, Image = Target.Image, NetworkMode = "no-such-network-xyz", Networks = [new EndpointSpec { Network = "no-such-network-xyz" }] }));

        Assert.That(ex!.Kind, Is.EqualTo(BeamErrorKind.NotFound));
        Assert.That(ex.Message, Is.EqualTo("network no-such-network-xyz not found"));
        Assert.That((await Host.ListAsync(Token())).Select(c => c.Name), Does.Not.Contain(name));
    }

    /// <summary>Connect adds an endpoint and the network lists the container; disconnect takes both away.</summary>
    [Test]
    public async Task Connect_ThenDisconnect_EndpointAndMembershipFollow()
    {
        var network = await CreateNetworkAsync(new NetworkSpec { Name = UniqueName(), Ipam = Pool() });
        var container = await CreateAsync(UniqueName());

        await Host.ConnectNetworkAsync(container, new EndpointSpec { Network = network.Name, Aliases = ["db"] }, Token());
        var connected = await Host.GetAsync(container, Token());
        var members = (await Host.GetNetworkAsync(network.Id, Token())).Containers;
        await Host.DisconnectNetworkAsync(container, network.Name, force: false, Token());
        var disconnected = await Host.GetAsync(container, Token());
        var membersAfter = (await Host.GetNetworkAsync(network.Id, Token())).Containers;

        Assert.That(connected.Networks.Single(e => e.Network == network.Name).Aliases, Does.Contain("db"));
        Assert.That(members.Select(m => m.ContainerId), Is.EqualTo(new[] { container.Id }));
        Assert.That(disconnected.Networks.Select(e => e.Network), Does.Not.Contain(network.Name));
        Assert.That(membersAfter, Is.Empty);
    }

    /// <summary>Connecting twice is a conflict; disconnecting from a network the container is not on is a conflict.</summary>
    [Test]
    public async Task ConnectTwiceOrDisconnectUnconnected_Conflict()
    {
        var network = await CreateNetworkAsync(new NetworkSpec { Name = UniqueName(), Ipam = Pool() });
        var other = await CreateNetworkAsync(new NetworkSpec { Name = UniqueName(), Ipam = Pool() });
        var container = await CreateAsync(new ContainerSpec { Name = UniqueName(), Image = Target.Image, Networks = [new EndpointSpec { Network = network.Name }] });

        var twice = Assert.ThrowsAsync<BeamException>(() => Host.ConnectNetworkAsync(container, new EndpointSpec { Network = network.Name }, Token()));
        var notOn = Assert.ThrowsAsync<BeamException>(() => Host.DisconnectNetworkAsync(container, other.Name, force: false, Token()));

        Assert.That(twice!.Kind, Is.EqualTo(BeamErrorKind.Conflict));
        Assert.That(twice.Message, Does.Contain($"already exists in network {network.Name}"));
        Assert.That(notOn!.Kind, Is.EqualTo(BeamErrorKind.Conflict));
        Assert.That(notOn.Message, Does.Contain($"is not connected to network {other.Name}"));
    }

    /// <summary>A network with a container on it cannot be removed; once the container is gone it can.</summary>
    [Test]
    public async Task DeleteNetwork_InUseThenFree_ConflictThenGone()
    {
        var network = await CreateNetworkAsync(new NetworkSpec { Name = UniqueName(), Ipam = Pool() });
        var container = await CreateAsync(new ContainerSpec { Name = UniqueName(), Image = Target.Image, Networks = [new EndpointSpec { Network = network.Name }] });

        var inUse = Assert.ThrowsAsync<BeamException>(() => Host.DeleteNetworkAsync(network.Name, Token()));
        await Host.DeleteAsync(container, force: true, Token());
        await Host.DeleteNetworkAsync(network.Name, Token());
        var gone = Assert.ThrowsAsync<BeamException>(() => Host.GetNetworkAsync(network.Id, Token()));

        Assert.That(inUse!.Kind, Is.EqualTo(BeamErrorKind.Conflict));
        Assert.That(inUse.Message, Does.Contain("has active endpoints"));
        Assert.That(gone!.Kind, Is.EqualTo(BeamErrorKind.NotFound));
    }

    /// <summary>The predefined networks cannot be removed; an unknown one is not found.</summary>
    [Test]
    public void DeleteNetwork_PredefinedOrUnknown_ConflictOrNotFound()
    {
        var predefined = Assert.ThrowsAsync<BeamException>(() => Host.DeleteNetworkAsync("bridge", Token()));
        var unknown = Assert.ThrowsAsync<BeamException>(() => Host.DeleteNetworkAsync("no-such-network-xyz", Token()));

        Assert.That(predefined!.Kind, Is.EqualTo(BeamErrorKind.Conflict));
        Assert.That(predefined.Message, Is.EqualTo("bridge is a pre-defined network and cannot be removed"));
        Assert.That(unknown!.Kind, Is.EqualTo(BeamErrorKind.NotFound));
        Assert.That(unknown.Message, Is.EqualTo("network no-such-network-xyz not found"));
    }

    /// <summary>A container created with no network settings is created as before.</summary>
    [Test]
    public async Task Create_NoNetworkSettings_CreatedOnTheDefault()
    {
        var container = await CreateAsync(UniqueName());

        var record = await Host.GetAsync(container, Token());

        Assert.That(record.Networks.Select(e => e.Network), Is.SubsetOf(new[] { "bridge" }));
    }

    private NetworkIpam Pool() => new() { Config = [new IpamConfig { Subnet = Target.FreeSubnet() }] };
}
