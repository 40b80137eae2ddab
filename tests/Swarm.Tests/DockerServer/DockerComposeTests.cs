using System.Text.Json;
using Swarm.Tests.Support;

namespace Swarm.Tests.DockerServer;

/// <summary>
/// docker-compose 1.29 (Debian's) against <c>dockerserver</c> + simulator, as a new user runs it: a plain file (the
/// default network), two user networks, an external network; each step checked with the docker CLI.
/// </summary>
public sealed class DockerComposeTests : SimulatorCliFixture
{
    private const string TwoServices = """
        version: "3.8"
        services:
          web:
            image: cirros
          db:
            image: cirros
        """;

    // After the chain has started (the base class's set-up runs first).
    [OneTimeSetUp]
    public void RequireCompose() => Clients.RequireCompose();

    [Test]
    public async Task PlainFile_UpPsLogsStopStartRestartUpAgainDown_DefaultNetworkFollows()
    {
        using var project = new ComposeProject(Host.DockerHost, TwoServices, "plain");
        var network = project.Name + "_default";

        var up = await project.OkAsync("up", "-d");
        Assert.That(up.Stderr, Does.Contain($"Creating network \"{network}\" with the default driver"));
        var ids = await IdsAsync(project);
        Assert.That(ids.Keys, Is.EquivalentTo(new[] { $"{project.Name}_web_1", $"{project.Name}_db_1" }));
        var members = await MembersAsync(network);
        Assert.That(members.Values, Is.EquivalentTo(ids.Keys));
        var labels = (await Docker.OkAsync("network", "inspect", "-f", "{{json .Labels}}", network)).Stdout;
        Assert.That(labels, Does.Contain($"\"com.docker.compose.project\":\"{project.Name}\"").And.Contain("\"com.docker.compose.network\":\"default\""));
        var web = await EndpointAsync(ids[$"{project.Name}_web_1"], network);
        Assert.That(web.GetProperty("Aliases").EnumerateArray().Select(a => a.GetString()), Is.SupersetOf(new[] { "web", ids[$"{project.Name}_web_1"][..12] }));
        Assert.That(web.GetProperty("IPAddress").GetString(), Does.StartWith("172."));

        var ps = await project.OkAsync("ps");
        Assert.That(ps.Lines.Where(l => l.StartsWith(project.Name, StringComparison.Ordinal)).ToList(), Has.Count.EqualTo(2).And.All.Contain(" Up"));
        Assert.That((await project.OkAsync("logs")).Stdout, Does.Contain("web_1  | /sbin/init: running"));

        await project.OkAsync("stop");
        Assert.That(await StatesAsync(project), Is.All.EqualTo("exited"));
        await project.OkAsync("start");
        Assert.That(await StatesAsync(project), Is.All.EqualTo("running"));
        await project.OkAsync("restart");
        Assert.That(await StatesAsync(project), Is.All.EqualTo("running"));

        var again = await project.OkAsync("up", "-d");
        Assert.That(again.Stderr, Does.Contain("is up-to-date"));
        Assert.That(await IdsAsync(project), Is.EquivalentTo(ids), "nothing recreated");

        await project.OkAsync("down");
        Assert.That(await IdsAsync(project), Is.Empty);
        Assert.That((await Docker.OkAsync("network", "ls", "--format", "{{.Name}}")).Lines, Does.Not.Contain(network));
    }

    [Test]
    public async Task Down_NothingUp_SucceedsWithAWarning()
    {
        using var project = new ComposeProject(Host.DockerHost, TwoServices, "empty");

        var down = await project.OkAsync("down");

        Assert.That(down.Stderr, Does.Contain($"Network {project.Name}_default not found"));
    }

    [Test]
    public async Task TwoUserNetworks_Up_EachServiceOnItsNetworksThenDownRemovesBoth()
    {
        using var project = new ComposeProject(Host.DockerHost, """
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
              private:
                ipam:
                  config:
                    - subnet: 10.77.0.0/24
            """, "two");

        await project.OkAsync("up", "-d");
        var ids = await IdsAsync(project);
        var back = ids[$"{project.Name}_back_1"];

        Assert.That((await MembersAsync(project.Name + "_public")).Values, Is.EquivalentTo(new[] { $"{project.Name}_front_1", $"{project.Name}_back_1" }));
        Assert.That((await MembersAsync(project.Name + "_private")).Values, Is.EqualTo(new[] { $"{project.Name}_back_1" }));
        var onPrivate = await EndpointAsync(back, project.Name + "_private");
        Assert.That(onPrivate.GetProperty("IPAddress").GetString(), Does.StartWith("10.77.0."));
        Assert.That(onPrivate.GetProperty("Aliases").EnumerateArray().Select(a => a.GetString()), Does.Contain("database"));
        Assert.That((await Docker.OkAsync("ps", "--filter", $"network={project.Name}_private", "--format", "{{.Names}}")).Lines, Is.EqualTo(new[] { $"{project.Name}_back_1" }));

        await project.OkAsync("down");
        var left = (await Docker.OkAsync("network", "ls", "--format", "{{.Name}}")).Lines;
        Assert.That(left, Does.Not.Contain(project.Name + "_public").And.Not.Contain(project.Name + "_private"));
    }

    [Test]
    public async Task ExternalNetwork_Up_ContainersJoinItAndDownKeepsIt()
    {
        var external = "ext-" + Guid.NewGuid().ToString("N")[..6];
        await Docker.OkAsync("network", "create", external);
        using var project = new ComposeProject(Host.DockerHost, $"""
            version: "3.8"
            services:
              web:
                image: cirros
            networks:
              default:
                external: true
                name: {external}
            """, "ext");

        await project.OkAsync("up", "-d");
        Assert.That((await MembersAsync(external)).Values, Is.EqualTo(new[] { $"{project.Name}_web_1" }));
        await project.OkAsync("down");

        Assert.That((await MembersAsync(external)), Is.Empty);
        await Docker.OkAsync("network", "rm", external);
    }

    private async Task<Dictionary<string, string>> IdsAsync(ComposeProject project)
    {
        var ps = await Docker.OkAsync("ps", "-a", "--filter", $"label=com.docker.compose.project={project.Name}", "--format", "{{.Names}} {{.ID}}", "--no-trunc");
        return ps.Lines.Select(l => l.Split(' ')).ToDictionary(p => p[0], p => p[1]);
    }

    private async Task<string[]> StatesAsync(ComposeProject project) =>
        (await Docker.OkAsync("ps", "-a", "--filter", $"label=com.docker.compose.project={project.Name}", "--format", "{{.State}}")).Lines;

    private async Task<Dictionary<string, string>> MembersAsync(string network)
    {
        var json = (await Docker.OkAsync("network", "inspect", "-f", "{{json .Containers}}", network)).Stdout;
        return JsonDocument.Parse(json).RootElement.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetProperty("Name").GetString()!);
    }

    private async Task<JsonElement> EndpointAsync(string container, string network)
    {
        var json = (await Docker.OkAsync("inspect", "-f", "{{json .NetworkSettings.Networks}}", container)).Stdout;
        return JsonDocument.Parse(json).RootElement.GetProperty(network).Clone();
    }
}
