using System.Net;
using Swarm.Core.Beam;
using Swarm.Core.Containers;

namespace Swarm.Tests.Containers;

/// <summary>Docker's network rules shared by every backend: CIDR arithmetic, pool choice, checks and messages.</summary>
public sealed class DockerNetworksTests
{
    [TestCase("10.0.0.0/24", true)]
    [TestCase("10.0.0.1/24", true)]
    [TestCase("fd00:1::/64", true)]
    [TestCase("10.0.0.0/33", false)]
    [TestCase("10.0.0.0", false)]
    [TestCase("10.0.0/24", false)]
    [TestCase("banana/8", false)]
    public void Cidr_TryParse_AcceptsOnlyAddressSlashPrefix(string text, bool valid)
    {
        Assert.That(Cidr.TryParse(text, out _), Is.EqualTo(valid));
    }

    [Test]
    public void Cidr_Arithmetic_NetworkLastContainsOverlaps()
    {
        var block = Cidr.Parse("172.18.3.7/16");

        Assert.That(block.IsCanonical, Is.False);
        Assert.That(block.Masked.ToString(), Is.EqualTo("172.18.0.0/16"));
        Assert.That(block.Last.ToString(), Is.EqualTo("172.18.255.255"));
        Assert.That(block.At(1).ToString(), Is.EqualTo("172.18.0.1"));
        Assert.That(block.Contains(IPAddress.Parse("172.18.200.1")), Is.True);
        Assert.That(block.Contains(IPAddress.Parse("172.19.0.1")), Is.False);
        Assert.That(block.Overlaps(Cidr.Parse("172.18.5.0/24")), Is.True);
        Assert.That(block.Overlaps(Cidr.Parse("172.19.0.0/24")), Is.False);
        Assert.That(block.Overlaps(Cidr.Parse("fd00::/8")), Is.False);
    }

    [Test]
    public void NextFreePool_DefaultsInUse_NextOneLikeDockerd()
    {
        var used = new[] { Cidr.Parse("172.18.0.0/16"), Cidr.Parse("172.19.4.0/24") };

        Assert.That(DockerNetworks.NextFreePool([]).ToString(), Is.EqualTo("172.18.0.0/16"), "172.17 is the bridge's");
        Assert.That(DockerNetworks.NextFreePool(used).ToString(), Is.EqualTo("172.20.0.0/16"));
    }

    [Test]
    public void Complete_NoPool_SubnetFromDefaultsWithFirstHostAsGateway()
    {
        var pools = DockerNetworks.Complete(new NetworkSpec { Name = "n" }, []);

        Assert.That(pools.Select(p => (p.Subnet, p.Gateway)), Is.EqualTo(new[] { ("172.18.0.0/16", "172.18.0.1") }));
    }

    [Test]
    public void Complete_IPv6WithoutSubnet_UniqueLocalSlash64Added()
    {
        var pools = DockerNetworks.Complete(new NetworkSpec { Name = "n", EnableIPv6 = true, Ipam = new NetworkIpam { Config = [new IpamConfig { Subnet = "10.5.0.0/24", Gateway = "10.5.0.254" }] } }, []);

        Assert.That(pools[0], Is.EqualTo(new IpamConfig { Subnet = "10.5.0.0/24", Gateway = "10.5.0.254" }));
        Assert.That(pools[1].Subnet, Does.StartWith("fd").And.EndWith("::/64"));
    }

    [Test]
    public void Validate_SeveralMistakes_AllNamedInDockerdsMessage()
    {
        var spec = new NetworkSpec
        {
            Name = "n",
            Ipam = new NetworkIpam { Config = [new IpamConfig { Subnet = "10.1.0.0/24", IPRange = "10.2.0.0/24", Gateway = "10.1.0.300" }] },
        };

        var ex = Assert.Throws<BeamException>(() => DockerNetworks.Validate(spec));

        Assert.That(ex!.Kind, Is.EqualTo(BeamErrorKind.Invalid));
        Assert.That(ex.Message, Is.EqualTo("invalid network config:\ninvalid ip-range 10.2.0.0/24: parent subnet 10.1.0.0/24 doesn't contain ip-range\ninvalid gateway 10.1.0.300: invalid address"));
    }

    [TestCase("bridge")]
    [TestCase("none")]
    [TestCase("host")]
    public void Validate_PredefinedName_Invalid(string name)
    {
        var ex = Assert.Throws<BeamException>(() => DockerNetworks.Validate(new NetworkSpec { Name = name }));

        Assert.That(ex!.Message, Is.EqualTo($"operation is not permitted on predefined {name} network"));
    }

    [Test]
    public void Validate_TwoOverlappingPools_PoolOverlap()
    {
        var spec = new NetworkSpec { Name = "n", Ipam = new NetworkIpam { Config = [new IpamConfig { Subnet = "10.1.0.0/16" }, new IpamConfig { Subnet = "10.1.2.0/24" }] } };

        var ex = Assert.Throws<BeamException>(() => DockerNetworks.Validate(spec));

        Assert.That(ex!.Message, Does.Contain("Pool overlaps with other one on this address space"));
    }

    [TestCase("10.1.0.7", null)]
    [TestCase("10.2.0.7", "no configured subnet contains IP address 10.2.0.7")]
    [TestCase("10.1.0.1", "Address already in use: 10.1.0.1 is the gateway of 10.1.0.0/24")]
    [TestCase("ten", "invalid IP address: ten")]
    public void RequestedAddress_InsideOutsideGatewayGarbage_CheckedLikeDockerd(string requested, string? error)
    {
        var pool = new IpamConfig { Subnet = "10.1.0.0/24", Gateway = "10.1.0.1" };

        if (error is null)
        {
            Assert.That(DockerNetworks.RequestedAddress(requested, pool).ToString(), Is.EqualTo(requested));
        }
        else
        {
            Assert.That(Assert.Throws<BeamException>(() => DockerNetworks.RequestedAddress(requested, pool))!.Message, Is.EqualTo(error));
        }
    }
}
