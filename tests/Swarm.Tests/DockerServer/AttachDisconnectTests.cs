using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Swarm.Tests.Support;

namespace Swarm.Tests.DockerServer;

/// <summary>
/// A hijacked attach to a quiet container (<c>sleep 1000</c>, no output) whose client goes away: the server notices,
/// ends the stream and the backend's Connect. A half-close is not going away: the CLI half-closes at once when
/// stdin is not attached, and keeps reading.
/// </summary>
[NonParallelizable]
public sealed class AttachDisconnectTests
{
    [TestCase(true, false)]
    [TestCase(true, true)]
    [TestCase(false, false)]
    [TestCase(false, true)]
    public async Task Attach_ClientClosesOnQuietContainer_StreamAndConnectEnd(bool upgrade, bool reset)
    {
        var logs = new LogCapture();
        await using var host = await ChainHost.StartAsync(null, logs, "dockerserver tcp://127.0.0.1:0", "debug", "simulator");
        using var http = new HttpClient { BaseAddress = host.HttpBase };
        var id = await RunAsync(http, "sleep", "1000");
        await using var raw = await AttachAsync(host, id, upgrade);

        if (reset)
        {
            raw.Reset();
        }
        else
        {
            raw.Close();
        }

        await WaitFor.ConditionAsync(
            () => logs.Entries.Any(e => e.EventId == 304 && e.Message.Contains("/attach ended by the client leaving", StringComparison.Ordinal)),
            "dockerserver to end the attach stream of the departed client");
        // The debug link logs the terminal reply of the Connect it passed on: the backend's stream has ended.
        await WaitFor.ConditionAsync(
            () => logs.Entries.Any(e => e.Category == "Swarm.Debug" && e.EventId is 201 or 202 && e.Message.Contains($"{id} Connect", StringComparison.Ordinal)),
            "the backend's Connect to end");
        Assert.That(logs.Problems.Where(e => e.Category != "Swarm.Debug"), Is.Empty, string.Join("\n", logs.Entries));
    }

    [TestCase(true)]
    [TestCase(false)]
    public async Task Attach_ClientHalfClosesThenQuietContainer_OutputStillArrives(bool upgrade)
    {
        await using var host = await ChainHost.StartDockerServerAsync();
        using var http = new HttpClient { BaseAddress = host.HttpBase };
        var id = await CreateAsync(http, "sh", "-c", "sleep 5; echo late");
        await using var raw = await AttachAsync(host, id, upgrade);
        raw.HalfClose();

        (await http.PostAsync($"/containers/{id}/start", null)).Dispose();

        Assert.That(await raw.ReadToEndAsync("the container's late output and the end of the stream", TimeSpan.FromSeconds(30)), Is.True, "closed cleanly");
        Assert.That(Frames(raw.Received, upgrade), Is.EqualTo(new[] { "late\n" }));
    }

    [Test]
    [Category("Clients")]
    public async Task DockerRun_QuietThenOutput_CliPrintsOnlyTheOutput()
    {
        Clients.RequireDocker();
        await using var host = await ChainHost.StartDockerServerAsync();
        using var docker = new DockerCli(host.DockerHost);

        // The CLI half-closes at once (no -i); the quiet seconds are probed with empty frames, which it skips.
        var run = await docker.RunAsync("run", "--rm", "cirros", "sh", "-c", "sleep 5; echo late");

        Assert.That((run.ExitCode, run.Stdout, run.Stderr), Is.EqualTo((0, "late\n", "")), run.ToString());
    }

    private static async Task<RawHttp> AttachAsync(ChainHost host, string id, bool upgrade)
    {
        var raw = await RawHttp.ConnectAsync(host.HttpBase);
        var head = upgrade ? "Connection: Upgrade\r\nUpgrade: tcp\r\n" : "";
        await raw.SendAsync($"POST /v1.50/containers/{id}/attach?stream=1&stdout=1&stderr=1 HTTP/1.1\r\nHost: x\r\n{head}Content-Length: 0\r\n\r\n");
        await raw.ReadUntilAsync("\r\n\r\n", "the attach answer's head");
        Assert.That(raw.Received, Does.StartWith(upgrade ? "HTTP/1.1 101 " : "HTTP/1.1 200 "));
        return raw;
    }

    // The payloads of the stdcopy frames after the head (de-chunked when not upgraded), empty frames left out.
    private static string[] Frames(string received, bool upgrade)
    {
        var body = Encoding.Latin1.GetBytes(received[(received.IndexOf("\r\n\r\n", StringComparison.Ordinal) + 4)..]);
        if (!upgrade)
        {
            body = Dechunk(body);
        }

        var frames = new List<string>();
        for (var at = 0; at + 8 <= body.Length;)
        {
            var length = (body[at + 4] << 24) | (body[at + 5] << 16) | (body[at + 6] << 8) | body[at + 7];
            if (length > 0)
            {
                frames.Add(Encoding.UTF8.GetString(body, at + 8, length));
            }

            at += 8 + length;
        }

        return [.. frames];
    }

    private static byte[] Dechunk(byte[] chunked)
    {
        var text = Encoding.Latin1.GetString(chunked);
        var output = new List<byte>();
        for (var at = 0; at < text.Length;)
        {
            var end = text.IndexOf("\r\n", at, StringComparison.Ordinal);
            var size = Convert.ToInt32(text[at..end], 16);
            output.AddRange(chunked.AsSpan(end + 2, size));
            at = end + 2 + size + 2;
            if (size == 0)
            {
                break;
            }
        }

        return [.. output];
    }

    private static async Task<string> CreateAsync(HttpClient http, params string[] cmd)
    {
        using var content = new StringContent(JsonSerializer.Serialize(new { Image = "cirros", Cmd = cmd }));
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        using var response = await http.PostAsync("/containers/create", content);
        var body = await response.Content.ReadAsStringAsync();
        Assert.That((int)response.StatusCode, Is.EqualTo(201), body);
        return JsonDocument.Parse(body).RootElement.GetProperty("Id").GetString()!;
    }

    private static async Task<string> RunAsync(HttpClient http, params string[] cmd)
    {
        var id = await CreateAsync(http, cmd);
        (await http.PostAsync($"/containers/{id}/start", null)).Dispose();
        return id;
    }
}
