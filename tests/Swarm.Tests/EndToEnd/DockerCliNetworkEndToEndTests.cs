using System.Text.Json.Nodes;
using Swarm.Tests.Support;

namespace Swarm.Tests.EndToEnd;

/// <summary>The docker CLI's network commands against Neutron, each step checked in Neutron and Nova too.</summary>
public sealed class DockerCliNetworkEndToEndTests : OpenstackEndToEndFixture
{
    [Test]
    public async Task NetworkCommands_CreateRunConnectDisconnectRmPrune_EachStepInNeutron()
    {
        Clients.RequireDocker();
        var network = Net("cli");
        var subnet = $"10.{Random.Shared.Next(100, 250)}.{Random.Shared.Next(0, 255)}";

        var id = (await Docker.OkAsync("network", "create", "--subnet", subnet + ".0/24", "--label", "team=blue", network)).Stdout.Trim();
        var neutron = (await Cloud.NeutronNetworksNamedAsync(network)).Single();
        Assert.That((string?)neutron["id"], Is.EqualTo(id), "the Docker network is the Neutron network");
        Assert.That((string?)(await Cloud.NeutronListAsync("subnets", "network_id=" + id)).Single()["cidr"], Is.EqualTo(subnet + ".0/24"));
        Assert.That(await Cloud.NeutronListAsync("security-groups", "name=swarm-" + network), Has.Count.EqualTo(1));
        Assert.That((await Docker.OkAsync("network", "ls", "--filter", "label=team=blue", "--format", "{{.Name}}")).Lines, Is.EqualTo(new[] { network }));

        var a = Name("net-a");
        var aId = (await Docker.OkAsync("run", "-d", "--name", a, "--network", network, "--ip", subnet + ".10", Cirros)).Stdout.Trim();
        var aPort = (await Cloud.PortsOnAsync(id)).Single();
        Assert.That((string?)aPort["fixed_ips"]![0]!["ip_address"], Is.EqualTo(subnet + ".10"));
        await NovaStatusAsync(aId, "ACTIVE");
        Assert.That((string?)(await Cloud.ServerAsync(aId))!["addresses"]![network]![0]!["addr"], Is.EqualTo(subnet + ".10"));

        var b = Name("net-b");
        var bId = (await Docker.OkAsync("run", "-d", "--name", b, Cirros)).Stdout.Trim();
        await NovaStatusAsync(bId, "ACTIVE");
        await Docker.OkAsync("network", "connect", "--alias", "worker", network, b);
        var bPort = (await Cloud.PortsOnAsync(id)).Single(p => (string?)p["device_id"] == bId);
        var bAddress = (string)bPort["fixed_ips"]![0]!["ip_address"]!;
        Assert.That((string?)((JsonObject)(await Cloud.ServerAsync(bId))!["addresses"]!)[network]![0]!["addr"], Is.EqualTo(bAddress), "Nova plugged the port in");
        Assert.That((await Docker.OkAsync("ps", "--filter", "network=" + network, "--format", "{{.Names}}")).Lines, Is.EquivalentTo(new[] { a, b }));
        Assert.That((await Docker.OkAsync("network", "inspect", "-f", "{{range .Containers}}{{.Name}} {{.IPv4Address}},{{end}}", network)).Stdout.Trim().TrimEnd(',').Split(','),
            Is.EquivalentTo(new[] { $"{a} {subnet}.10/24", $"{b} {bAddress}/24" }));

        var busy = await Docker.RunAsync("network", "rm", network);
        Assert.That(busy.Stderr, Does.Contain("has active endpoints"));

        await Docker.OkAsync("network", "disconnect", network, b);
        Assert.That((await Cloud.PortsOnAsync(id)).Select(p => (string?)p["id"]), Is.EqualTo(new[] { (string?)aPort["id"] }), "disconnect removed b's port");
        Assert.That(((JsonObject)(await Cloud.ServerAsync(bId))!["addresses"]!).ContainsKey(network), Is.False);

        await Docker.OkAsync("rm", "-f", a, b);
        Assert.That(await Cloud.PortsOnAsync(id), Is.Empty, "rm removed a's port");
        await Docker.OkAsync("network", "rm", network);
        Assert.That(await Cloud.NeutronNetworksNamedAsync(network), Is.Empty);
        Assert.That(await Cloud.NeutronListAsync("security-groups", "name=swarm-" + network), Is.Empty);

        var unused = Net("prune");
        await Docker.OkAsync("network", "create", unused);
        Assert.That((await Docker.OkAsync("network", "prune", "-f")).Stdout, Does.Contain(unused));
        Assert.That(await Cloud.NeutronNetworksNamedAsync(unused), Is.Empty);
    }

    [Test]
    public async Task Run_UnknownNetworkOrTakenAddress_ClearErrorsAndNothingLeft()
    {
        Clients.RequireDocker();
        var network = Net("err");
        var subnet = $"10.{Random.Shared.Next(100, 250)}.{Random.Shared.Next(0, 255)}";
        var id = (await Docker.OkAsync("network", "create", "--subnet", subnet + ".0/24", network)).Stdout.Trim();
        await Docker.OkAsync("create", "--name", Name("err-a"), "--network", network, "--ip", subnet + ".20", Cirros);

        var unknown = await Docker.RunAsync("run", "-d", "--name", Name("err-b"), "--network", "no-such-net-e2e", Cirros);
        var taken = await Docker.RunAsync("run", "-d", "--name", Name("err-c"), "--network", network, "--ip", subnet + ".20", Cirros);

        Assert.That(unknown.Stderr, Does.Contain("network no-such-net-e2e not found"));
        Assert.That(taken.Stderr, Does.Contain("Address already in use"));
        Assert.That(await Cloud.PortsOnAsync(id), Has.Count.EqualTo(1), "the refused container left no port");
    }

    [Test]
    public async Task Run_TwoNetworksAtCreate_APortOnEachAndNovaShowsBoth()
    {
        Clients.RequireDocker();
        var front = Net("two-a");
        var back = Net("two-b");
        var frontId = (await Docker.OkAsync("network", "create", front)).Stdout.Trim();
        var backId = (await Docker.OkAsync("network", "create", back)).Stdout.Trim();

        // The CLI sends both networks in one create (EndpointsConfig, API 1.44+).
        var name = Name("two");
        var id = (await Docker.OkAsync("run", "-d", "--name", name, "--network", front, "--network", back, Cirros)).Stdout.Trim();
        await NovaStatusAsync(id, "ACTIVE");

        var frontPort = (await Cloud.PortsOnAsync(frontId)).Single(p => (string?)p["device_id"] == id);
        var backPort = (await Cloud.PortsOnAsync(backId)).Single(p => (string?)p["device_id"] == id);
        var addresses = (JsonObject)(await Cloud.ServerAsync(id))!["addresses"]!;
        Assert.That(addresses.Select(a => a.Key), Is.EquivalentTo(new[] { front, back }), "Nova has the server on both networks");
        var inspect = await Docker.OkAsync("inspect", "-f", "{{range $k, $v := .NetworkSettings.Networks}}{{$k}}={{$v.IPAddress}} {{end}}", name);
        Assert.That(inspect.Stdout.Trim().Split(' '), Is.EquivalentTo(new[]
        {
            $"{front}={frontPort["fixed_ips"]![0]!["ip_address"]}",
            $"{back}={backPort["fixed_ips"]![0]!["ip_address"]}",
        }));

        await Docker.OkAsync("rm", "-f", name);
        Assert.That(await Cloud.PortsOnAsync(frontId), Is.Empty);
        Assert.That(await Cloud.PortsOnAsync(backId), Is.Empty);
        await Docker.OkAsync("network", "rm", front, back);
    }

    private const string Cirros = "cirros";

    private string Net(string hint)
    {
        var name = $"e2e-{hint}-{Guid.NewGuid().ToString("N")[..6]}";
        TrackNetwork(name);
        return name;
    }
}
