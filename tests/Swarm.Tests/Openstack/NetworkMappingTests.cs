using System.Text.Json;
using Swarm.Backends.Openstack.Compute.V2;
using Swarm.Backends.Openstack.Containers;
using Swarm.Backends.Openstack.Http;
using Swarm.Backends.Openstack.Network.V2;
using Swarm.Core.Beam;
using Swarm.Core.Containers;

namespace Swarm.Tests.Openstack;

/// <summary>Pure network mappings: the state in Neutron tags, allocation pools, Neutron's errors, endpoints from Nova's listing.</summary>
public sealed class NetworkMappingTests
{
    private const string ConfigHash = "3f1d5c2a9b8e7f6d5c4b3a29181706f5e4d3c2b1a09f8e7d6c5b4a3928170615";

    [Test]
    public void NetworkState_ComposeV2Labels_EveryTagFitsAndEveryLabelSurvives()
    {
        var spec = new NetworkSpec
        {
            Name = "proj_default",
            Internal = true,
            Labels = new Dictionary<string, string>
            {
                ["com.docker.compose.project"] = "proj",
                ["com.docker.compose.network"] = "default",
                ["com.docker.compose.version"] = "2.29.7",
                ["com.docker.compose.config-hash"] = ConfigHash,
            },
            Options = new Dictionary<string, string> { ["com.docker.network.driver.mtu"] = "1400" },
        };
        var pools = new[] { new IpamConfig { Subnet = "172.18.0.0/16", Gateway = "172.18.0.1", IPRange = "172.18.5.0/24" } };

        var tags = NetworkState.Of(spec, pools, "sg-1").ToTags();
        var read = NetworkState.FromTags([.. tags.Reverse()]);

        Assert.That(tags, Has.All.Length.LessThanOrEqualTo(NetworkState.MaxTagLength));
        Assert.That(tags, Does.Contain(NetworkState.ManagedTag));
        Assert.That(read!.Labels, Is.EquivalentTo(spec.Labels));
        Assert.That(read.Options, Is.EquivalentTo(spec.Options));
        Assert.That(read.Internal, Is.True);
        Assert.That(read.SecurityGroupId, Is.EqualTo("sg-1"));
        Assert.That(read.IpamConfig(), Is.EqualTo(pools));
        Assert.That(read.UserSubnet, Is.False, "the pool was chosen, not asked");
    }

    [Test]
    public void NetworkState_NoOrDamagedChunks_NoState()
    {
        Assert.That(NetworkState.FromTags(["swarm.managed"]), Is.Null);
        Assert.That(NetworkState.FromTags(["swarm.managed", "swarm.s.00:{\"driver\":"]), Is.Null);
    }

    [Test]
    public void AllocationPools_WholeSubnet_NeutronDefault()
    {
        Assert.That(NeutronNetworks.AllocationPools(new IpamConfig { Subnet = "10.0.0.0/24", Gateway = "10.0.0.1" }), Is.Null);
    }

    [Test]
    public void AllocationPools_RangeHoldingTheGateway_SplitAroundIt()
    {
        var pools = NeutronNetworks.AllocationPools(new IpamConfig { Subnet = "10.0.0.0/16", IPRange = "10.0.5.0/24", Gateway = "10.0.5.1" });

        Assert.That(pools, Is.EqualTo(new[] { new AllocationPool("10.0.5.0", "10.0.5.0"), new AllocationPool("10.0.5.2", "10.0.5.255") }));
    }

    [Test]
    public void AllocationPools_AuxAddresses_LeftOut()
    {
        var pools = NeutronNetworks.AllocationPools(new IpamConfig
        {
            Subnet = "10.0.0.0/24",
            Gateway = "10.0.0.1",
            AuxAddresses = new Dictionary<string, string> { ["router"] = "10.0.0.10" },
        });

        Assert.That(pools, Is.EqualTo(new[] { new AllocationPool("10.0.0.2", "10.0.0.9"), new AllocationPool("10.0.0.11", "10.0.0.254") }));
    }

    [TestCase("IpAddressAlreadyAllocated", 409, BeamErrorKind.Conflict, "Address already in use")]
    [TestCase("OverQuota", 409, BeamErrorKind.Unavailable, "the project's Neutron quota is used up")]
    [TestCase("InvalidIpForSubnet", 400, BeamErrorKind.Invalid, "IP address 10.9.9.9 is not a valid IP")]
    [TestCase("SomethingElse", 409, BeamErrorKind.Conflict, "openstack: Neutron: port for x")]
    public void NeutronErrors_Type_DockerWordsAndKind(string type, int status, BeamErrorKind kind, string text)
    {
        var body = $$$"""{"NeutronError": {"type": "{{{type}}}", "message": "IP address 10.9.9.9 is not a valid IP for the specified subnet.", "detail": ""}}""";

        var ex = NeutronErrors.FromResponse(new RawResponse(status, body, new Dictionary<string, string>(), "Neutron"), "port for x");

        Assert.That(ex.Kind, Is.EqualTo(kind));
        Assert.That(ex.Message, Does.Contain(text));
    }

    [Test]
    public void Metadata_Endpoints_RoundTripAndStaleKeysOnShrink()
    {
        var entries = Enumerable.Range(0, 4).Select(i => new EndpointEntry
        {
            NetworkId = $"00000000-0000-4000-8000-00000000000{i}",
            Name = $"net{i}",
            PortId = $"10000000-0000-4000-8000-00000000000{i}",
            Aliases = ["web", "service-with-a-long-alias-" + i],
            IPv4 = $"10.0.{i}.9",
        }).ToList();

        var meta = ServerMetadata.Build(new ContainerSpec { Image = "cirros", NetworkMode = "net0" }, entries);
        var fewer = ServerMetadata.NetworkItems(entries.Take(1).ToList());

        Assert.That(meta.Values, Has.All.Length.LessThanOrEqualTo(ServerMetadata.MaxLength));
        Assert.That(JsonSerializer.Serialize(ServerMetadata.Endpoints(meta)), Is.EqualTo(JsonSerializer.Serialize(entries)));
        Assert.That(ServerMetadata.NetworkMode(meta), Is.EqualTo("net0"));
        Assert.That(ServerMetadata.StaleNetworkKeys(meta, fewer), Is.Not.Empty.And.All.StartWith("swarm.nets:"));
    }

    [Test]
    public void ServerEndpoints_PortsAndDefaultNetwork_FromMetadataAndAddresses()
    {
        var entry = new EndpointEntry { NetworkId = "n1", Name = "proj_default", PortId = "p1", Aliases = ["web"] };
        var server = new Server
        {
            Id = "s1",
            Name = "web",
            Metadata = ServerMetadata.Build(new ContainerSpec { Image = "cirros" }, [entry]),
            Addresses = new Dictionary<string, IReadOnlyList<ServerAddress>>
            {
                ["proj_default"] = [new ServerAddress("172.18.0.5", 4, "fa:16:3e:00:00:01")],
                ["private"] = [new ServerAddress("10.0.0.7", 4, "fa:16:3e:00:00:02"), new ServerAddress("fd00::7", 6, "fa:16:3e:00:00:02")],
            },
        };

        var endpoints = ServerEndpoints.Of(server);

        Assert.That(endpoints.Select(e => (e.Network, e.NetworkId, e.EndpointId, e.IPAddress, e.MacAddress)), Is.EqualTo(new[]
        {
            ("proj_default", "n1", "p1", "172.18.0.5", "fa:16:3e:00:00:01"),
            ("bridge", "", "", "10.0.0.7", "fa:16:3e:00:00:02"),
        }));
        Assert.That(endpoints[0].Aliases, Is.EqualTo(new[] { "web" }));
        Assert.That(endpoints[1].GlobalIPv6Address, Is.EqualTo("fd00::7"));
    }

    [Test]
    public void EndpointDetails_PortAndSubnet_FillAddressPrefixGateway()
    {
        var endpoint = new NetworkEndpoint { Network = "n", NetworkId = "n1", EndpointId = "p1" };
        var port = new NeutronPort { Id = "p1", NetworkId = "n1", MacAddress = "fa:16:3e:00:00:09", FixedIps = [new FixedIp { SubnetId = "s1", IpAddress = "10.3.0.9" }] };
        var subnets = new[] { new NeutronSubnet { Id = "s1", NetworkId = "n1", Cidr = "10.3.0.0/24", GatewayIp = "10.3.0.1" } };

        var done = EndpointDetails.WithSubnets(EndpointDetails.WithPort(endpoint, port), subnets);

        Assert.That((done.IPAddress, done.IPPrefixLen, done.Gateway, done.MacAddress), Is.EqualTo(("10.3.0.9", 24, "10.3.0.1", "fa:16:3e:00:00:09")));
    }
}
