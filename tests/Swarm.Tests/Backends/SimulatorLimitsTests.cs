using System.Net;
using System.Text;
using System.Text.Json;
using Swarm.Core.Backends.Simulator;
using Swarm.Core.Containers;
using Swarm.Tests.Support;

namespace Swarm.Tests.Backends;

/// <summary>
/// The simulator under inputs that used to throw or grow without bound: a huge <c>sleep</c>, an <c>until</c> far
/// ahead, more output than it keeps (docs/simulator.md, "Bounds").
/// </summary>
public sealed class SimulatorLimitsTests
{
    [Test]
    public void Output_MoreThanTheCap_KeepsTheNewestWithinIt()
    {
        var output = new SimOutput(limit: 1000);
        for (var i = 0; i < 100; i++)
        {
            output.Add(new LogEntry(LogStream.Stdout, DateTimeOffset.UnixEpoch, $"line {i:00}\n"));
        }

        var kept = output.From(0).ToList();
        Assert.That(output.End, Is.EqualTo(100));
        Assert.That(kept.Sum(e => e.Text.Length + SimOutput.EntryOverhead), Is.LessThanOrEqualTo(1000));
        Assert.That(kept[^1].Text, Is.EqualTo("line 99\n"));
        Assert.That(output.From(output.End - 2).Select(e => e.Text), Is.EqualTo(new[] { "line 98\n", "line 99\n" }));
        Assert.That(output.From(output.End), Is.Empty);
    }

    [Test]
    public async Task DockerRunInteractive_ThreeMebibytesThroughCat_LogsKeepTheNewestMebibyte()
    {
        Clients.RequireDocker();
        await using var host = await ChainHost.StartDockerServerAsync();
        using var docker = new DockerCli(host.DockerHost);
        var input = string.Concat(Enumerable.Range(0, 3 * 1024 * 1024 / 16).Select(i => $"{i,15}\n"));

        var run = await docker.RunWithStdinAsync(input, "run", "-i", "--name", "sim-big", "cirros", "cat");
        Assert.That(run.ExitCode, Is.Zero, run.ToString()[..Math.Min(2000, run.ToString().Length)]);
        var logs = await docker.OkAsync("logs", "sim-big");

        Assert.That(logs.Stdout.Length, Is.LessThanOrEqualTo(SimOutput.DefaultLimit).And.GreaterThan(SimOutput.DefaultLimit / 2));
        Assert.That(input, Does.EndWith(logs.Stdout));
    }

    [TestCase("99999999999")]
    [TestCase("1e300")]
    [TestCase("infinity")]
    [TestCase("5000000")]
    public async Task Sleep_HugeDuration_RunsUntilStopped(string seconds)
    {
        await using var host = await ChainHost.StartDockerServerAsync();
        using var http = new HttpClient { BaseAddress = host.HttpBase };
        var id = await CreateAsync(http, "sleep", seconds);

        Assert.That((await http.PostAsync($"/containers/{id}/start", null)).StatusCode, Is.EqualTo(HttpStatusCode.NoContent));
        Assert.That(await StatusAsync(http, id), Is.EqualTo("running"));
        using var stop = await http.PostAsync($"/containers/{id}/stop", null);
        Assert.That(stop.StatusCode, Is.EqualTo(HttpStatusCode.NoContent), await stop.Content.ReadAsStringAsync());
        Assert.That(await StatusAsync(http, id), Is.EqualTo("exited"));
    }

    [Test]
    public async Task Sleep_SeveralArgumentsWithUnits_SumsThem()
    {
        await using var host = await ChainHost.StartDockerServerAsync();
        using var http = new HttpClient { BaseAddress = host.HttpBase };
        var id = await CreateAsync(http, "sh", "-c", "sleep 0.1 0.1s; echo slept; sleep 1m 1h 1d; echo never");
        (await http.PostAsync($"/containers/{id}/start", null)).Dispose();

        await WaitFor.ConditionAsync(async () => (await LogsAsync(http, id)).Contains("slept", StringComparison.Ordinal), "the first two sleeps to end");
        Assert.That((await http.PostAsync($"/containers/{id}/kill", null)).StatusCode, Is.EqualTo(HttpStatusCode.NoContent), "killed while in the long sleep");
        Assert.That(await LogsAsync(http, id), Is.EqualTo("slept\n"));
    }

    [Test]
    public async Task Sh_UnterminatedQuote_ExitsTwoWithMessage()
    {
        await using var host = await ChainHost.StartDockerServerAsync();
        using var http = new HttpClient { BaseAddress = host.HttpBase };
        var id = await CreateAsync(http, "sh", "-c", "echo 'open");
        (await http.PostAsync($"/containers/{id}/start", null)).Dispose();

        using var wait = await WaitFor.TaskAsync(http.PostAsync($"/containers/{id}/wait", null), "the container to exit");
        Assert.That(JsonDocument.Parse(await wait.Content.ReadAsStringAsync()).RootElement.GetProperty("StatusCode").GetInt32(), Is.EqualTo(2));
        Assert.That(await LogsAsync(http, id), Does.StartWith("sh: ").And.Contain("quote"));
    }

    [TestCase("container")]
    [TestCase("image")]
    public async Task Events_UntilInYear9999_StreamStaysOpenAndDelivers(string type)
    {
        await using var host = await ChainHost.StartDockerServerAsync();
        using var http = new HttpClient { BaseAddress = host.HttpBase, Timeout = Timeout.InfiniteTimeSpan };
        var filters = Uri.EscapeDataString($$"""{"type":["{{type}}"]}""");
        using var response = await http.GetAsync($"/events?until=253402300799&filters={filters}", HttpCompletionOption.ResponseHeadersRead);
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        await using var body = await response.Content.ReadAsStreamAsync();
        using var reader = new StreamReader(body);
        var line = reader.ReadLineAsync();

        await CreateAsync(http, "true");

        if (type == "container")
        {
            var text = await WaitFor.TaskAsync(line, "the create event");
            Assert.That(JsonDocument.Parse(text!).RootElement.GetProperty("Action").GetString(), Is.EqualTo("create"));
        }
        else
        {
            using var ping = await http.GetAsync("/_ping");
            Assert.That(line.IsCompleted, Is.False, "the image-only stream ended (or failed) long before its until");
        }
    }

    [Test]
    public async Task Logs_UntilInYear9999_AllOutput()
    {
        await using var host = await ChainHost.StartDockerServerAsync();
        using var http = new HttpClient { BaseAddress = host.HttpBase };
        var id = await CreateAsync(http, "echo", "hello");
        (await http.PostAsync($"/containers/{id}/start", null)).Dispose();
        (await http.PostAsync($"/containers/{id}/wait", null)).Dispose();

        using var response = await http.GetAsync($"/containers/{id}/logs?stdout=1&until=253402300799&follow=1");

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        var bytes = await response.Content.ReadAsByteArrayAsync();
        Assert.That(Encoding.UTF8.GetString(bytes, 8, bytes.Length - 8), Is.EqualTo("hello\n"));
    }

    private static async Task<string> CreateAsync(HttpClient http, params string[] cmd)
    {
        using var content = new StringContent(JsonSerializer.Serialize(new { Image = "cirros", Cmd = cmd }), Encoding.UTF8, "application/json");
        using var response = await http.PostAsync("/containers/create", content);
        var body = await response.Content.ReadAsStringAsync();
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Created), body);
        return JsonDocument.Parse(body).RootElement.GetProperty("Id").GetString()!;
    }

    // stdout and stderr, frames stripped.
    private static async Task<string> LogsAsync(HttpClient http, string id)
    {
        var bytes = await http.GetByteArrayAsync($"/containers/{id}/logs?stdout=1&stderr=1");
        var text = new StringBuilder();
        for (var at = 0; at + 8 <= bytes.Length;)
        {
            var length = (bytes[at + 4] << 24) | (bytes[at + 5] << 16) | (bytes[at + 6] << 8) | bytes[at + 7];
            text.Append(Encoding.UTF8.GetString(bytes, at + 8, length));
            at += 8 + length;
        }

        return text.ToString();
    }

    private static async Task<string> StatusAsync(HttpClient http, string id) =>
        JsonDocument.Parse(await http.GetStringAsync($"/containers/{id}/json")).RootElement.GetProperty("State").GetProperty("Status").GetString()!;
}
