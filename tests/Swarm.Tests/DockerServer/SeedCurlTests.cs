using System.Text.Json;
using System.Text.RegularExpressions;
using Swarm.Tests.Support;

namespace Swarm.Tests.DockerServer;

/// <summary>
/// The curl examples of the user's document (seed/000), run verbatim with only the port changed, against
/// <c>dockerserver tcp://127.0.0.1:PORT</c> + simulator (whose ids are 64-hex, not Nova UUIDs).
/// </summary>
[Category("Clients")]
[NonParallelizable]
public sealed partial class SeedCurlTests
{
    private ChainHost _host = null!;
    private string _base = "";

    [OneTimeSetUp]
    public async Task StartAsync()
    {
        Clients.RequireCurl();
        _host = await ChainHost.StartDockerServerAsync();
        _base = "http://localhost:" + _host.HttpBase.Port;
    }

    [OneTimeTearDown]
    public async Task StopAsync()
    {
        if (_host is not null)
        {
            await _host.DisposeAsync();
        }
    }

    [Test]
    public async Task SeedExamples_CreateListStopStartDelete_SameStatusHeadersAndBodies()
    {
        // a) Create Container
        var create = await CurlAsync($$"""curl -i -H "Content-Type: application/json" -H "Accept: application/json" -X POST {{_base}}/containers/create -d '{"name":"demo1", "image":"cirros"}'""");
        var (status, headers, body) = Split(create);
        Assert.That(status, Is.EqualTo("HTTP/1.1 201 Created"));
        Assert.That(headers, Does.Contain("Content-Type: application/json"));
        Assert.That(headers, Does.Contain($"Content-Length: {body.Length}"));
        Assert.That(headers, Has.One.Match("^Date: .+ GMT$"));
        Assert.That(body, Does.Match("^\\{\"Id\":\"[0-9a-f]{64}\"\\}\n$"));
        var id = JsonDocument.Parse(body).RootElement.GetProperty("Id").GetString()!;

        // b) List containers (piped through python -m json.tool, as in the document)
        var list = await CurlAsync($"""curl -s -H "Content-Type: application/json" -H "Accept: application/json" -X GET {_base}/containers/json?all=1 | python3 -m json.tool""");
        var entry = JsonDocument.Parse(list).RootElement.EnumerateArray().Single(c => c.GetProperty("Id").GetString() == id);
        Assert.That(entry.GetProperty("Names")[0].GetString(), Is.EqualTo("/demo1"));
        Assert.That(entry.GetProperty("Created").ValueKind, Is.EqualTo(JsonValueKind.Number));
        Assert.That(entry.TryGetProperty("Command", out _) && entry.TryGetProperty("Image", out _) && entry.TryGetProperty("Status", out _), Is.True);

        // d) Start, c) Stop, e) Delete: 204 No Content with the document's odd header.
        foreach (var (method, path) in new[] { ("POST", $"/containers/{id}/start"), ("POST", $"/containers/{id}/stop"), ("DELETE", $"/containers/{id}") })
        {
            var answer = await CurlAsync($"""curl -i -H "ContendataType: application/json" -H "Accept: application/json" -X {method} {_base}{path}""");
            var (line, lines, rest) = Split(answer);
            Assert.That(line, Is.EqualTo("HTTP/1.1 204 No Content"), answer);
            Assert.That(lines, Has.One.Match("^Date: .+ GMT$"));
            Assert.That(rest, Is.Empty);
        }
    }

    [Test]
    public async Task SeedExample_ListWithoutAll_RunningOnly()
    {
        await CurlAsync($$"""curl -s -H "Content-Type: application/json" -X POST '{{_base}}/containers/create?name=demo2' -d '{"image":"cirros"}'""");
        await CurlAsync($"""curl -s -X POST {_base}/containers/demo2/start""");

        var list = await CurlAsync($"""curl -H "Content-Type: application/json" -H "Accept: application/json" -X GET {_base}/containers/json | python3 -m json.tool""");

        var names = JsonDocument.Parse(list).RootElement.EnumerateArray().Select(c => c.GetProperty("Names")[0].GetString());
        Assert.That(names, Does.Contain("/demo2"));
    }

    private static async Task<string> CurlAsync(string commandLine)
    {
        var result = await Cli.RunAsync("/bin/sh", ["-c", commandLine]);
        Assert.That(result.ExitCode, Is.Zero, result.ToString());
        return result.Stdout;
    }

    private static (string Status, string[] Headers, string Body) Split(string response)
    {
        var end = response.IndexOf("\r\n\r\n", StringComparison.Ordinal);
        var head = Lines().Split(response[..end]);
        return (head[0], head[1..], response[(end + 4)..]);
    }

    [GeneratedRegex("\r\n")]
    private static partial Regex Lines();
}
