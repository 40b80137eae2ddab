using System.Net;
using System.Text.Json.Nodes;
using Swarm.Core.Containers;
using Swarm.Tests.Support;

namespace Swarm.Tests.EndToEnd;

/// <summary>
/// docker-compose 1.29 against swarmd + the local OpenStack: each container a Nova server with a real Neutron port on
/// the project's network, each step checked in Nova and Neutron, and nothing left behind by down.
/// </summary>
public sealed class ComposeEndToEndTests : OpenstackEndToEndFixture
{
    [Test]
    public async Task PlainFile_UpToDown_EachContainerOnTheProjectNetworkWithItsPortAddress()
    {
        Clients.RequireCompose();
        using var project = Project("""
            version: "3.8"
            services:
              web:
                image: cirros
              db:
                image: cirros
            """, "plain", ["web", "db"], ["default"]);
        var networkName = project.Name + "_default";

        await project.OkAsync("up", "-d");
        var network = (await Cloud.NeutronNetworksNamedAsync(networkName)).Single();
        Assert.That(network["tags"]!.AsArray().Select(t => (string?)t), Does.Contain("swarm.managed"));
        var subnet = Cidr.Parse((string)(await Cloud.NeutronListAsync("subnets", "network_id=" + network["id"])).Single()["cidr"]!);
        var ids = await IdsAsync(project);
        foreach (var (name, id) in ids)
        {
            await NovaStatusAsync(id, "ACTIVE");
            var port = (await Cloud.PortsOnAsync((string)network["id"]!)).Single(p => (string?)p["device_id"] == id);
            var ip = (string)port["fixed_ips"]![0]!["ip_address"]!;
            Assert.That(subnet.Contains(IPAddress.Parse(ip)), Is.True, $"{name}: {ip} is in {subnet}");
            Assert.That((string?)(await Cloud.ServerAsync(id))!["addresses"]![networkName]![0]!["addr"], Is.EqualTo(ip), $"Nova shows {name} on the port's address");
            var inspect = await Docker.OkAsync("inspect", "-f", $"{{{{with index .NetworkSettings.Networks \"{networkName}\"}}}}{{{{.IPAddress}}}}/{{{{.IPPrefixLen}}}} {{{{.EndpointID}}}} {{{{.NetworkID}}}} {{{{.MacAddress}}}}{{{{end}}}}", id);
            Assert.That(inspect.Stdout.Trim(), Is.EqualTo($"{ip}/{subnet.PrefixLength} {port["id"]} {network["id"]} {port["mac_address"]}"), "inspect shows the Neutron port");
        }

        Assert.That((await project.OkAsync("ps")).Lines.Count(l => l.StartsWith(project.Name, StringComparison.Ordinal) && l.Contains(" Up", StringComparison.Ordinal)), Is.EqualTo(2));
        Assert.That((await project.OkAsync("logs")).Stdout, Does.Contain("FAKE CONSOLE OUTPUT"));

        await project.OkAsync("stop");
        foreach (var id in ids.Values)
        {
            Assert.That((string?)(await Cloud.ServerAsync(id))!["status"], Is.EqualTo("SHUTOFF"));
        }

        await project.OkAsync("start");
        await project.OkAsync("restart");
        foreach (var id in ids.Values)
        {
            Assert.That((string?)(await Cloud.ServerAsync(id))!["status"], Is.EqualTo("ACTIVE"));
        }

        var again = await project.OkAsync("up", "-d");
        Assert.That(again.Stderr, Does.Contain("is up-to-date"));
        Assert.That(await IdsAsync(project), Is.EquivalentTo(ids), "nothing recreated");

        await project.OkAsync("down");
        foreach (var id in ids.Values)
        {
            Assert.That(await Cloud.ServerAsync(id), Is.Null, "down removed the server");
        }

        Assert.That(await Cloud.NeutronNetworksNamedAsync(networkName), Is.Empty, "down removed the network");
        Assert.That(await Cloud.NeutronListAsync("ports", "network_id=" + network["id"]), Is.Empty, "no port is left");
        Assert.That(await Cloud.NeutronListAsync("security-groups", "name=swarm-" + networkName), Is.Empty, "the network's security group went with it");
    }

    [Test]
    public async Task TwoUserNetworks_Up_PortsOnEachNetworkAndDownRemovesBoth()
    {
        Clients.RequireCompose();
        using var project = Project("""
            version: "3.8"
            services:
              front:
                image: cirros
                networks: [public]
              back:
                image: cirros
                networks:
                  public: {}
                  private:
                    aliases: [database]
            networks:
              public: {}
              private: {}
            """, "two", ["front", "back"], ["public", "private"]);

        await project.OkAsync("up", "-d");
        var ids = await IdsAsync(project);
        var back = ids[$"{project.Name}_back_1"];
        var publicNet = (await Cloud.NeutronNetworksNamedAsync(project.Name + "_public")).Single();
        var privateNet = (await Cloud.NeutronNetworksNamedAsync(project.Name + "_private")).Single();

        Assert.That((await Cloud.PortsOnAsync((string)publicNet["id"]!)).Select(p => (string?)p["device_id"]), Is.EquivalentTo(ids.Values));
        Assert.That((await Cloud.PortsOnAsync((string)privateNet["id"]!)).Select(p => (string?)p["device_id"]), Is.EqualTo(new[] { back }));
        var addresses = (JsonObject)(await Cloud.ServerAsync(back))!["addresses"]!;
        Assert.That(addresses.Select(a => a.Key), Is.EquivalentTo(new[] { project.Name + "_public", project.Name + "_private" }));
        var aliases = await Docker.OkAsync("inspect", "-f", $"{{{{with index .NetworkSettings.Networks \"{project.Name}_private\"}}}}{{{{.Aliases}}}}{{{{end}}}}", back);
        Assert.That(aliases.Stdout.Trim(), Does.Contain("database").And.Contain(back[..12]), "the service's alias and the short id, as dockerd shows them");

        await project.OkAsync("down");

        Assert.That(await Cloud.NeutronNetworksNamedAsync(project.Name + "_public"), Is.Empty);
        Assert.That(await Cloud.NeutronNetworksNamedAsync(project.Name + "_private"), Is.Empty);
    }

    [Test]
    public async Task ExternalNetwork_Up_PortsOnANeutronNetworkSwarmdDidNotMakeAndDownKeepsIt()
    {
        Clients.RequireCompose();
        var external = "e2e-ext-" + Guid.NewGuid().ToString("N")[..6];
        TrackNetwork(external);
        var networkId = await Cloud.CreateNeutronNetworkAsync(external, $"10.{Random.Shared.Next(100, 250)}.{Random.Shared.Next(0, 255)}.0/24");
        using var project = Project($"""
            version: "3.8"
            services:
              web:
                image: cirros
            networks:
              default:
                external: true
                name: {external}
            """, "ext", ["web"], []);

        await project.OkAsync("up", "-d");
        var web = (await IdsAsync(project)).Values.Single();
        Assert.That((await Cloud.PortsOnAsync(networkId)).Select(p => (string?)p["device_id"]), Is.EqualTo(new[] { web }));

        await project.OkAsync("down");

        Assert.That((await Cloud.NeutronNetworksNamedAsync(external)).Select(n => (string?)n["id"]), Is.EqualTo(new[] { networkId }), "compose leaves an external network");
        Assert.That(await Cloud.PortsOnAsync(networkId), Is.Empty, "the container's port went with it");
    }

    private ComposeProject Project(string yaml, string hint, string[] services, string[] networks)
    {
        var project = new ComposeProject(Swarmd.DockerHost, yaml, "e2e" + hint) { Timeout = TimeSpan.FromMinutes(5) };
        foreach (var service in services)
        {
            Track($"{project.Name}_{service}_1");
        }

        foreach (var network in networks)
        {
            TrackNetwork($"{project.Name}_{network}");
        }

        return project;
    }

    private async Task<Dictionary<string, string>> IdsAsync(ComposeProject project)
    {
        var ps = await Docker.OkAsync("ps", "-a", "--filter", $"label=com.docker.compose.project={project.Name}", "--format", "{{.Names}} {{.ID}}", "--no-trunc");
        return ps.Lines.Select(l => l.Split(' ')).ToDictionary(p => p[0], p => p[1]);
    }
}
