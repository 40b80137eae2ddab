using Swarm.Backends.Openstack;
using Swarm.Backends.Openstack.Containers;
using Swarm.Core.Beam;
using Swarm.Core.Containers;

namespace Swarm.Tests.Openstack;

/// <summary>Docker networks on the real local Neutron, beyond the conformance kit: two processes, failures, leftovers.</summary>
[Category("OpenStack")]
[NonParallelizable]
public sealed class OpenstackNetworkRealCloudTests
{
    private readonly List<string> _networks = [];
    private readonly List<string> _servers = [];
    private readonly List<OpenstackHost> _hosts = [];
    private LocalCloud _cloud = null!;

    [SetUp]
    public void SetUp() => _cloud = LocalCloud.Require();

    [TearDown]
    public async Task TearDown()
    {
        if (_cloud is null)
        {
            return;
        }

        foreach (var id in _servers)
        {
            await _cloud.DeleteAsync(id);
        }

        foreach (var id in _servers)
        {
            await _cloud.WaitGoneAsync(id, TimeSpan.FromSeconds(60));
        }

        foreach (var name in _networks)
        {
            foreach (var network in await _cloud.NeutronNetworksNamedAsync(name))
            {
                await _cloud.DeleteNeutronNetworkAsync((string)network["id"]!);
            }

            foreach (var group in await _cloud.NeutronListAsync("security-groups", "name=swarm-" + name))
            {
                await _cloud.DeleteSecurityGroupAsync((string)group["id"]!);
            }
        }

        foreach (var host in _hosts)
        {
            await host.DisposeAsync();
        }

        _hosts.Clear();
        _servers.Clear();
        _networks.Clear();
        _cloud.Dispose();
    }

    [Test]
    public async Task Create_NovaRefusesTheServer_NoPortLeftOnTheNetwork()
    {
        var host = Host(new OpenstackOptions { Flavor = "m1.tiny", AvailabilityZone = "swarm-nowhere" });
        var network = await host.CreateNetworkAsync(new NetworkSpec { Name = NetworkName() }, Token());

        var ex = Assert.ThrowsAsync<BeamException>(() => host.CreateAsync(
            new ContainerSpec { Name = "net-refused-" + Guid.NewGuid().ToString("N")[..6], Image = "cirros", Networks = [new EndpointSpec { Network = network.Name }] }, Token()));

        Assert.That(ex!.Message, Does.Contain("availability zone"));
        Assert.That(await _cloud.PortsOnAsync(network.Id), Is.Empty, "the port made for the refused server was removed");
    }

    [Test]
    public async Task TwoProcesses_OneCreates_OtherSeesNetworkAndMembersAndRemovesThem()
    {
        var first = Host();
        var second = Host();
        var labels = new Dictionary<string, string> { ["com.docker.compose.config-hash"] = new string('7', 64) };
        var network = await first.CreateNetworkAsync(new NetworkSpec { Name = NetworkName(), Labels = labels }, Token());
        var container = await first.CreateAsync(
            new ContainerSpec { Name = "net-two-" + Guid.NewGuid().ToString("N")[..6], Image = "cirros", Networks = [new EndpointSpec { Network = network.Name, Aliases = ["api"] }] }, Token());
        _servers.Add(container.Id);

        var seen = await second.GetNetworkAsync(network.Name, Token());
        var resolved = await second.ResolveAsync(container.Id, Token());
        Assert.That(seen.Labels, Is.EquivalentTo(labels), "the labels live in Neutron, not in the first process");
        Assert.That(seen.Ipam.Config.Select(c => c.Subnet), Is.EqualTo(network.Ipam.Config.Select(c => c.Subnet)));
        Assert.That(seen.Containers.Select(c => c.ContainerId), Is.EqualTo(new[] { container.Id }));
        Assert.That(resolved.Record.Networks.Single().Aliases, Is.EqualTo(new[] { "api" }));

        await second.DeleteAsync(resolved, force: true, Token());
        await second.DeleteNetworkAsync(network.Name, Token());

        Assert.That(await _cloud.NeutronNetworksNamedAsync(network.Name), Is.Empty);
        Assert.That(Assert.ThrowsAsync<BeamException>(() => first.GetNetworkAsync(network.Id, Token()))!.Kind, Is.EqualTo(BeamErrorKind.NotFound));
    }

    [Test]
    public async Task DeleteNetwork_PortSwarmdLeftUnbound_SweptAndNetworkRemoved()
    {
        var host = Host(new OpenstackOptions { Flavor = "m1.tiny", BootTimeout = TimeSpan.Zero });
        var network = await host.CreateNetworkAsync(new NetworkSpec { Name = NetworkName() }, Token());
        await _cloud.CreatePortAsync(network.Id, NeutronNetworks.PortMarker + " container gone on Docker network " + network.Name);

        await host.DeleteNetworkAsync(network.Id, Token());

        Assert.That(await _cloud.NeutronNetworksNamedAsync(network.Name), Is.Empty);
    }

    [Test]
    public async Task DeleteNetwork_PortOfSomethingElse_InUseAndKept()
    {
        var host = Host();
        var network = await host.CreateNetworkAsync(new NetworkSpec { Name = NetworkName() }, Token());
        await _cloud.CreatePortAsync(network.Id, "an operator's port");

        var ex = Assert.ThrowsAsync<BeamException>(() => host.DeleteNetworkAsync(network.Id, Token()));

        Assert.That(ex!.Kind, Is.EqualTo(BeamErrorKind.Conflict));
        Assert.That(ex.Message, Does.Contain("has active endpoints"));
        Assert.That(await _cloud.NeutronNetworksNamedAsync(network.Name), Has.Count.EqualTo(1));
    }

    private static CancellationToken Token() => new CancellationTokenSource(TimeSpan.FromMinutes(2)).Token;

    private OpenstackHost Host(OpenstackOptions? options = null)
    {
        var host = _cloud.Host(options ?? new OpenstackOptions { Flavor = "m1.tiny", BootTimeout = TimeSpan.FromSeconds(90), PollInterval = TimeSpan.FromMilliseconds(200) });
        _hosts.Add(host);
        return host;
    }

    private string NetworkName()
    {
        var name = "net-" + Guid.NewGuid().ToString("N")[..8];
        _networks.Add(name);
        return name;
    }
}
