using System.Net;
using Swarm.Tests.Support;

namespace Swarm.Tests.EndToEnd;

/// <summary>Many clients at once: nothing lost, nothing duplicated, nothing left behind in Nova.</summary>
public sealed class ConcurrencyEndToEndTests : OpenstackEndToEndFixture
{
    [Test]
    public async Task RunAndRemove_TwentyConcurrent_AllRunThenNothingLeft()
    {
        Clients.RequireDocker();
        var names = Enumerable.Range(0, 20).Select(i => Name($"many{i}")).ToList();

        var runs = await Task.WhenAll(names.Select(n => Docker.RunAsync("run", "-d", "--name", n, "cirros")));
        Assert.That(runs.Where(r => r.ExitCode != 0), Is.Empty, string.Join("\n", runs.Where(r => r.ExitCode != 0)));
        var ids = runs.Select(r => r.Stdout.Trim()).ToList();
        foreach (var id in ids)
        {
            await NovaStatusAsync(id, "ACTIVE", TimeSpan.FromSeconds(180));
        }

        var ps = await Docker.OkAsync("ps", "--format", "{{.Names}} {{.Status}}");
        Assert.That(names.All(n => ps.Lines.Any(l => l.StartsWith(n + " Up", StringComparison.Ordinal))), Is.True, ps.ToString());

        var removals = await Task.WhenAll(names.Select(n => Docker.RunAsync("rm", "-f", n)));
        Assert.That(removals.Where(r => r.ExitCode != 0), Is.Empty, string.Join("\n", removals.Where(r => r.ExitCode != 0)));
        foreach (var id in ids)
        {
            Assert.That(await Cloud.ServerAsync(id), Is.Null, $"server {id} should be gone once rm -f returned");
        }

        Assert.That((await Docker.OkAsync("ps", "-a", "--format", "{{.Names}}")).Lines.Intersect(names), Is.Empty);
    }

    [Test]
    public async Task Create_TenConcurrentWithOneName_OneCreatedNineConflicts()
    {
        var name = Name("same");
        using var http = new HttpClient { BaseAddress = Swarmd.HttpBase, Timeout = TimeSpan.FromMinutes(3) };

        var responses = await Task.WhenAll(Enumerable.Range(0, 10).Select(_ =>
            http.PostAsync($"/containers/create?name={name}", new StringContent("""{"Image":"cirros"}""", System.Text.Encoding.UTF8, "application/json"))));

        Assert.That(responses.Count(r => r.StatusCode == HttpStatusCode.Created), Is.EqualTo(1));
        Assert.That(responses.Count(r => r.StatusCode == HttpStatusCode.Conflict), Is.EqualTo(9));
        var conflict = System.Text.Json.Nodes.JsonNode.Parse(await responses.First(r => r.StatusCode == HttpStatusCode.Conflict).Content.ReadAsStringAsync())!;
        Assert.That((string?)conflict["message"], Does.Contain($"The container name \"/{name}\" is already in use"));
        Assert.That(await Cloud.ServersNamedAsync(name), Has.Count.EqualTo(1), "Nova has exactly one server of that name");
    }
}
