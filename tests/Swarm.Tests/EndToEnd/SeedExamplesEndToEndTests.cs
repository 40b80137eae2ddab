using System.Text.Json;
using Swarm.Tests.Openstack;
using Swarm.Tests.Support;

namespace Swarm.Tests.EndToEnd;

/// <summary>
/// The user's README (seed/000), as written: its four OS_* variables with an OS_AUTH_URL ending in /v2.0/, its
/// swarmd command on localhost:4245, and its curl commands (header typo included), in the order of the seed's
/// timestamps: create, list, start, stop, delete; plus a start of the stopped server for the seed's 204.
/// </summary>
public sealed class SeedExamplesEndToEndTests : OpenstackEndToEndFixture
{
    private const string Base = "http://localhost:4245";

    protected override string[] BackendSpecs => ["openstack --flavor=m1.tiny"];

    private protected override IReadOnlyDictionary<string, string> SwarmdEnvironment(LocalCloud cloud) => new Dictionary<string, string>
    {
        ["OS_TENANT_NAME"] = cloud.Env["OS_PROJECT_NAME"],
        ["OS_USERNAME"] = cloud.Env["OS_USERNAME"],
        ["OS_PASSWORD"] = cloud.Env["OS_PASSWORD"],
        ["OS_AUTH_URL"] = new Uri(new Uri(cloud.Env["OS_AUTH_URL"]), "/v2.0/").ToString(),
    };

    protected override int? FixedPort => 4245;

    [Test]
    public async Task SeedCurlExamples_AsWritten_WorkAgainstNova()
    {
        Clients.RequireCurl();
        Track("demo1");

        var create = await Curl("""curl -i -H "Content-Type: application/json" -H "Accept: application/json" -X POST http://localhost:4245/containers/create -d '{"name":"demo1", "image":"cirros"}'""");
        Assert.That(create.Stdout, Does.StartWith("HTTP/1.1 201 Created\r\n"), create.ToString());
        Assert.That(create.Stdout, Does.Contain("Content-Type: application/json"), create.ToString());
        var body = create.Stdout[(create.Stdout.IndexOf("\r\n\r\n", StringComparison.Ordinal) + 4)..];
        var id = JsonDocument.Parse(body).RootElement.GetProperty("Id").GetString()!;
        Assert.That(id, Does.Match("^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$"), "the Id is the Nova server's UUID, as in the seed");
        var server = await Cloud.ServerAsync(id);
        Assert.That((string?)server?["name"], Is.EqualTo("demo1"), "Nova has the server");

        // The seed lists the container "Up" minutes after creating it; GET /containers/json shows running ones only.
        await NovaStatusAsync(id, "ACTIVE");

        var list = await Curl("""curl -H "Content-Type: application/json" -H "Accept: application/json" -X GET http://localhost:4245/containers/json | python3 -m json.tool""");
        Assert.That(list.ExitCode, Is.Zero, list.ToString());
        var listed = JsonDocument.Parse(list.Stdout).RootElement.EnumerateArray().Single(c => c.GetProperty("Id").GetString() == id);
        Assert.That(listed.GetProperty("Names")[0].GetString(), Is.EqualTo("/demo1"));
        Assert.That(listed.GetProperty("Created").ValueKind, Is.EqualTo(JsonValueKind.Number));
        Assert.That(listed.TryGetProperty("Status", out _) && listed.TryGetProperty("Command", out _) && listed.TryGetProperty("Image", out _), Is.True);

        // Nova boots a server at once, so it is running by now: Docker's answer to starting it again is 304
        // (the seed's 204 came from a server it had stopped before; the stop below then the start after show 204).
        var start = await Curl($"""curl -i -H "ContendataType: application/json" -H "Accept: application/json" -X POST {Base}/containers/{id}/start""");
        Assert.That(start.Stdout, Does.StartWith("HTTP/1.1 304 Not Modified\r\n"), start.ToString());

        var stop = await Curl($"""curl -i -H "ContendataType: application/json" -H "Accept: application/json" -X POST {Base}/containers/{id}/stop""");
        Assert.That(stop.Stdout, Does.StartWith("HTTP/1.1 204 No Content\r\n"), stop.ToString());
        Assert.That((string?)(await Cloud.ServerAsync(id))?["status"], Is.EqualTo("SHUTOFF"), "stop is acknowledged once Nova has stopped the server");

        var restart = await Curl($"""curl -i -H "ContendataType: application/json" -H "Accept: application/json" -X POST {Base}/containers/{id}/start""");
        Assert.That(restart.Stdout, Does.StartWith("HTTP/1.1 204 No Content\r\n"), restart.ToString());
        Assert.That((string?)(await Cloud.ServerAsync(id))?["status"], Is.EqualTo("ACTIVE"), "start is acknowledged once Nova runs the server");
        await Curl($"""curl -i -X POST {Base}/containers/{id}/stop""");

        var delete = await Curl($"""curl -i -H "ContendataType: application/json" -H "Accept: application/json" -X DELETE {Base}/containers/{id}""");
        Assert.That(delete.Stdout, Does.StartWith("HTTP/1.1 204 No Content\r\n"), delete.ToString());
        Assert.That(await Cloud.ServerAsync(id), Is.Null, "delete is acknowledged once Nova no longer has the server");
    }

    private static async Task<CliResult> Curl(string commandLine)
    {
        var result = await Cli.RunAsync("/bin/bash", ["-o", "pipefail", "-c", commandLine + " 2>/dev/null"], timeout: TimeSpan.FromSeconds(180));
        return result;
    }
}
