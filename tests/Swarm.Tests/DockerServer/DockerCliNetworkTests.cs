using Swarm.Tests.Support;

namespace Swarm.Tests.DockerServer;

/// <summary>The docker CLI's network commands against <c>dockerserver</c> + simulator, in a user's order.</summary>
public sealed class DockerCliNetworkTests : SimulatorCliFixture
{
    [Test]
    public async Task Ls_Fresh_BridgeHostNone()
    {
        var ls = await Docker.OkAsync("network", "ls", "--format", "{{.Name}} {{.Driver}} {{.Scope}}");

        Assert.That(ls.Lines, Is.SupersetOf(new[] { "bridge bridge local", "host host local", "none null local" }));
    }

    [Test]
    public async Task CreateRunConnectDisconnectRm_UserNetwork_EachStepShows()
    {
        var id = (await Docker.OkAsync("network", "create", "--subnet", "10.61.0.0/24", "--gateway", "10.61.0.254", "--label", "team=blue", "cli-net")).Stdout.Trim();
        Assert.That(id, Does.Match("^[0-9a-f]{64}$"));
        Assert.That((await Docker.OkAsync("network", "ls", "--filter", "label=team=blue", "--format", "{{.Name}}")).Lines, Is.EqualTo(new[] { "cli-net" }));
        Assert.That((await Docker.OkAsync("network", "inspect", "-f", "{{range .IPAM.Config}}{{.Subnet}} {{.Gateway}}{{end}}", "cli-net")).Stdout.Trim(), Is.EqualTo("10.61.0.0/24 10.61.0.254"));

        await Docker.OkAsync("run", "-d", "--name", "cli-net-a", "--network", "cli-net", "--ip", "10.61.0.10", "--network-alias", "api", "cirros");
        var a = await Docker.OkAsync("inspect", "-f", "{{with index .NetworkSettings.Networks \"cli-net\"}}{{.IPAddress}}/{{.IPPrefixLen}} {{.Gateway}} {{.Aliases}}{{end}} {{.HostConfig.NetworkMode}}", "cli-net-a");
        Assert.That(a.Stdout.Trim(), Does.Match(@"^10\.61\.0\.10/24 10\.61\.0\.254 \[api [0-9a-f]{12}\] cli-net$"));

        await Docker.OkAsync("run", "-d", "--name", "cli-net-b", "cirros");
        Assert.That((await Docker.OkAsync("inspect", "-f", "{{.NetworkSettings.IPAddress}} {{.HostConfig.NetworkMode}}", "cli-net-b")).Stdout.Trim(), Does.Match(@"^172\.17\.0\.\d+ bridge$"));
        await Docker.OkAsync("network", "connect", "--alias", "worker", "cli-net", "cli-net-b");
        Assert.That((await Docker.OkAsync("ps", "--filter", "network=cli-net", "--format", "{{.Names}}")).Lines, Is.EquivalentTo(new[] { "cli-net-a", "cli-net-b" }));
        Assert.That((await Docker.OkAsync("network", "inspect", "-f", "{{range .Containers}}{{.Name}} {{.IPv4Address}},{{end}}", "cli-net")).Stdout.Trim().TrimEnd(',').Split(','),
            Is.EquivalentTo(new[] { "cli-net-a 10.61.0.10/24", "cli-net-b 10.61.0.1/24" }));

        var busy = await Docker.RunAsync("network", "rm", "cli-net");
        Assert.That(busy.ExitCode, Is.Not.Zero);
        Assert.That(busy.Stderr, Does.Contain("error while removing network: network cli-net has active endpoints"));

        await Docker.OkAsync("network", "disconnect", "cli-net", "cli-net-b");
        Assert.That((await Docker.OkAsync("ps", "--filter", "network=cli-net", "--format", "{{.Names}}")).Lines, Is.EqualTo(new[] { "cli-net-a" }));
        await Docker.OkAsync("rm", "-f", "cli-net-a", "cli-net-b");
        Assert.That((await Docker.OkAsync("network", "rm", "cli-net")).Stdout.Trim(), Is.EqualTo("cli-net"));
        Assert.That((await Docker.OkAsync("network", "ls", "--format", "{{.Name}}")).Lines, Does.Not.Contain("cli-net"));
    }

    [Test]
    public async Task Ls_EachFilter_SelectsAsDockerd()
    {
        var one = (await Docker.OkAsync("network", "create", "--label", "tier=db", "cli-f-one")).Stdout.Trim();
        await Docker.OkAsync("network", "create", "cli-f-two");
        await Docker.OkAsync("create", "--name", "cli-f-c", "--network", "cli-f-two", "cirros");

        async Task<string[]> LsAsync(string filter) =>
            [.. (await Docker.OkAsync("network", "ls", "--filter", filter, "--format", "{{.Name}}")).Lines.Where(n => n.StartsWith("cli-f-", StringComparison.Ordinal) || n is "bridge" or "host" or "none")];

        Assert.Multiple(async () =>
        {
            Assert.That(await LsAsync("name=cli-f-one"), Is.EqualTo(new[] { "cli-f-one" }), "name");
            Assert.That(await LsAsync("name=^cli-f-"), Is.EquivalentTo(new[] { "cli-f-one", "cli-f-two" }), "name as dockerd's regular expression");
            Assert.That(await LsAsync("id=" + one[..10]), Is.EqualTo(new[] { "cli-f-one" }), "id prefix");
            Assert.That(await LsAsync("label=tier=db"), Is.EqualTo(new[] { "cli-f-one" }), "label");
            Assert.That(await LsAsync("driver=bridge"), Is.EquivalentTo(new[] { "bridge", "cli-f-one", "cli-f-two" }), "driver");
            Assert.That(await LsAsync("driver=null"), Is.EqualTo(new[] { "none" }), "driver of none");
            Assert.That(await LsAsync("type=custom"), Is.EquivalentTo(new[] { "cli-f-one", "cli-f-two" }), "type custom");
            Assert.That(await LsAsync("type=builtin"), Is.EquivalentTo(new[] { "bridge", "host", "none" }), "type builtin");
            Assert.That(await LsAsync("dangling=true"), Is.EqualTo(new[] { "cli-f-one" }), "dangling: no container, not predefined");
            Assert.That(await LsAsync("dangling=false"), Is.EquivalentTo(new[] { "bridge", "host", "none", "cli-f-two" }), "not dangling");
        });

        var bad = await Docker.RunAsync("network", "ls", "--filter", "type=odd");
        Assert.That(bad.Stderr, Does.Contain("invalid filter: 'type'='odd'"));
        await Docker.OkAsync("rm", "-f", "cli-f-c");
        await Docker.OkAsync("network", "rm", "cli-f-one", "cli-f-two");
    }

    [Test]
    public async Task Prune_UnusedAndUsed_OnlyUnusedRemoved()
    {
        await Docker.OkAsync("network", "create", "cli-prune-unused");
        await Docker.OkAsync("network", "create", "cli-prune-used");
        await Docker.OkAsync("create", "--name", "cli-prune-c", "--network", "cli-prune-used", "cirros");

        var prune = await Docker.OkAsync("network", "prune", "-f");

        Assert.That(prune.Stdout, Does.Contain("cli-prune-unused").And.Not.Contain("cli-prune-used"));
        var left = (await Docker.OkAsync("network", "ls", "--format", "{{.Name}}")).Lines;
        Assert.That(left, Does.Contain("cli-prune-used").And.Contain("bridge").And.Not.Contain("cli-prune-unused"));
        await Docker.OkAsync("rm", "-f", "cli-prune-c");
        await Docker.OkAsync("network", "rm", "cli-prune-used");
    }

    [Test]
    public async Task Errors_UnknownNameInUseBadSubnet_DockerdsMessages()
    {
        await Docker.OkAsync("network", "create", "cli-dup");

        var unknown = await Docker.RunAsync("run", "-d", "--network", "cli-nowhere", "cirros");
        var dup = await Docker.RunAsync("network", "create", "cli-dup");
        var bad = await Docker.RunAsync("network", "create", "--subnet", "10.0.0.0/33", "cli-bad");
        var gateway = await Docker.RunAsync("network", "create", "--subnet", "10.62.0.0/24", "--gateway", "10.63.0.1", "cli-bad");
        var ipOnBridge = await Docker.RunAsync("run", "-d", "--ip", "172.17.0.99", "cirros");

        Assert.That(unknown.Stderr, Does.Contain("Error response from daemon: network cli-nowhere not found"));
        Assert.That(dup.Stderr, Does.Contain("network with name cli-dup already exists"));
        Assert.That(bad.Stderr, Does.Contain("invalid subnet 10.0.0.0/33: invalid CIDR block notation"));
        Assert.That(gateway.Stderr, Does.Contain("gateway 10.63.0.1"), "the CLI checks this one itself");
        Assert.That(ipOnBridge.Stderr, Does.Contain("user specified IP address is supported on user defined networks only"));
        Assert.That(new[] { unknown.ExitCode, dup.ExitCode, bad.ExitCode, gateway.ExitCode, ipOnBridge.ExitCode }, Has.None.Zero);
        await Docker.OkAsync("network", "rm", "cli-dup");
    }

    [Test]
    public async Task Run_TwoNetworks_OnBothAtCreate()
    {
        await Docker.OkAsync("network", "create", "cli-two-a");
        await Docker.OkAsync("network", "create", "cli-two-b");

        await Docker.OkAsync("run", "-d", "--name", "cli-two", "--network", "cli-two-a", "--network", "cli-two-b", "cirros");
        var networks = await Docker.OkAsync("inspect", "-f", "{{range $k, $v := .NetworkSettings.Networks}}{{$k}} {{end}}", "cli-two");

        Assert.That(networks.Stdout.Trim().Split(' ', StringSplitOptions.RemoveEmptyEntries), Is.EquivalentTo(new[] { "cli-two-a", "cli-two-b" }));
        await Docker.OkAsync("rm", "-f", "cli-two");
        await Docker.OkAsync("network", "rm", "cli-two-a", "cli-two-b");
    }
}
