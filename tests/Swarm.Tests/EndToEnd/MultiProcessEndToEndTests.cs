using System.Net;
using System.Text.Json.Nodes;
using Swarm.Tests.Support;

namespace Swarm.Tests.EndToEnd;

/// <summary>
/// Several swarmd processes on one OpenStack project, as a team behind a load balancer runs them: what one does the
/// others see at once, names stay unique across them, and they report the same events.
/// </summary>
public sealed class MultiProcessEndToEndTests : OpenstackEndToEndFixture
{
    private SwarmdProcess _second = null!;
    private SwarmdProcess _third = null!;
    private DockerCli _dockerB = null!;

    [OneTimeSetUp]
    public async Task StartMoreSwarmd()
    {
        _second = await SwarmdProcess.StartAsync(Cloud.Env, null, BackendSpecs);
        _third = await SwarmdProcess.StartAsync(Cloud.Env, null, BackendSpecs);
        _dockerB = new DockerCli(_second.DockerHost) { Timeout = TimeSpan.FromMinutes(3) };
    }

    [OneTimeTearDown]
    public async Task StopMoreSwarmd()
    {
        _dockerB?.Dispose();
        foreach (var process in new[] { _second, _third })
        {
            if (process is not null)
            {
                await process.DisposeAsync();
                Assert.That(process.ExitCode, Is.Zero, "swarmd should stop cleanly on SIGTERM:\n" + process.Log);
            }
        }
    }

    [Test]
    public async Task Create_ThroughOne_VisibleStoppableRemovableThroughTheOtherAtOnce()
    {
        Clients.RequireDocker();
        var name = Name("mp");

        var id = (await Docker.OkAsync("run", "-d", "--name", name, "cirros")).Stdout.Trim();
        var listedByB = await _dockerB.OkAsync("ps", "--format", "{{.ID}} {{.Names}} {{.Status}}");
        await _dockerB.OkAsync("stop", name);
        var inspectedByA = await Docker.OkAsync("inspect", "-f", "{{.State.Status}}", name);
        await _dockerB.OkAsync("rm", name);
        var listedByA = await Docker.OkAsync("ps", "-a", "--format", "{{.Names}}");

        Assert.That(listedByB.Lines, Has.Some.StartsWith($"{id[..12]} {name} Up"), listedByB.ToString());
        Assert.That(inspectedByA.Stdout.Trim(), Is.EqualTo("exited"));
        Assert.That(listedByA.Lines, Does.Not.Contain(name));
        Assert.That(await Cloud.ServerAsync(id), Is.Null, "gone from Nova");
    }

    [TestCase(2)]
    [TestCase(3)]
    public async Task Create_SameNameConcurrentlyAcrossProcesses_ExactlyOneContainerEachRound(int processes)
    {
        var bases = new[] { Swarmd.HttpBase, _second.HttpBase, _third.HttpBase }.Take(processes).ToList();
        using var http = new HttpClient { Timeout = TimeSpan.FromMinutes(3) };
        for (var round = 1; round <= 3; round++)
        {
            var name = Name($"same{processes}x{round}");

            var responses = await Task.WhenAll(Enumerable.Range(0, 10).Select(i =>
                http.PostAsync(new Uri(bases[i % bases.Count], $"/containers/create?name={name}"),
                    new StringContent("""{"Image":"cirros"}""", System.Text.Encoding.UTF8, "application/json"))));

            var codes = responses.Select(r => (int)r.StatusCode).ToList();
            Assert.That(codes.Count(c => c == 201), Is.EqualTo(1), $"round {round}: {string.Join(",", codes)}");
            Assert.That(codes.Count(c => c == 409), Is.EqualTo(9), $"round {round}: {string.Join(",", codes)}");
            Assert.That(await Cloud.ServersNamedAsync(name), Has.Count.EqualTo(1), $"round {round}: Nova has exactly one server named {name}");
            var conflict = JsonNode.Parse(await responses.First(r => r.StatusCode == HttpStatusCode.Conflict).Content.ReadAsStringAsync())!;
            Assert.That((string?)conflict["message"], Does.Contain($"The container name \"/{name}\" is already in use"));
        }
    }

    [Test]
    public async Task Events_ThroughBothProcesses_SameCreateStartStopDestroy()
    {
        var name = Name("ev");
        var since = DateTimeOffset.UtcNow.AddSeconds(-1).ToUnixTimeSeconds();
        using var stop = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        var fromA = ReadEventsAsync(Swarmd.HttpBase, name, since, stop.Token);
        var fromB = ReadEventsAsync(_second.HttpBase, name, since, stop.Token);

        var id = (await Docker.OkAsync("run", "-d", "--name", name, "cirros")).Stdout.Trim();
        await _dockerB.OkAsync("stop", name);
        await Docker.OkAsync("rm", name);
        var seenByA = await WaitFor.TaskAsync(fromA, $"the destroy event of {name} from the first swarmd", TimeSpan.FromMinutes(2));
        var seenByB = await WaitFor.TaskAsync(fromB, $"the destroy event of {name} from the second swarmd", TimeSpan.FromMinutes(2));

        Assert.That(seenByA.Select(e => e.Action), Is.SupersetOf(new[] { "create", "start", "stop", "destroy" }), string.Join(",", seenByA));
        Assert.That(seenByB.Select(e => e.Action), Is.EqualTo(seenByA.Select(e => e.Action)), "both report the same actions");
        Assert.That(seenByB.Select(e => e.Time), Is.EqualTo(seenByA.Select(e => e.Time)), "with the same times: Nova's");
        Assert.That(seenByA.Concat(seenByB).Select(e => e.Id), Is.All.EqualTo(id));
    }

    // Reads GET /events for one container name until its destroy; returns (action, id, time) in order.
    private static async Task<List<(string Action, string Id, long Time)>> ReadEventsAsync(Uri server, string name, long since, CancellationToken cancellationToken)
    {
        using var http = new HttpClient { Timeout = Timeout.InfiniteTimeSpan };
        var filters = Uri.EscapeDataString($$"""{"container":["{{name}}"]}""");
        using var response = await http.GetAsync(new Uri(server, $"/events?since={since}&filters={filters}"), HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(cancellationToken));
        var seen = new List<(string, string, long)>();
        while (await reader.ReadLineAsync(cancellationToken) is { } line)
        {
            var e = JsonNode.Parse(line)!;
            seen.Add(((string)e["Action"]!, (string)e["id"]!, (long)e["timeNano"]!));
            if ((string?)e["Action"] == "destroy")
            {
                break;
            }
        }

        return seen;
    }
}
