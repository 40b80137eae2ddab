using System.Text.Json;
using Swarm.Tests.Openstack;
using Swarm.Tests.Support;

namespace Swarm.Tests.EndToEnd;

/// <summary>
/// The user's README (seed/000), as written: its four OS_* variables with an OS_AUTH_URL ending in /v2.0/, its
/// swarmd command on localhost:4245, and its curl commands (header typo included), one right after the other with
/// no pause: in the order the README lists them (create, list, stop, start, delete), and in the order of its
/// timestamps (create, list, start, stop, delete).
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
    public async Task SeedCurlExamples_InTheReadmesOrder_CreateListStopStartDelete()
    {
        Clients.RequireCurl();
        Track("demo1");
        var id = await CreateAndListAsync();

        var stop = await Curl($"""curl -i -H "ContendataType: application/json" -H "Accept: application/json" -X POST {Base}/containers/{id}/stop""");
        Assert.That(stop.Stdout, Does.StartWith("HTTP/1.1 204 No Content\r\n"), stop.ToString());
        Assert.That((string?)(await Cloud.ServerAsync(id))?["status"], Is.EqualTo("SHUTOFF"), "stop is acknowledged once Nova has stopped the server");

        var start = await Curl($"""curl -i -H "ContendataType: application/json" -H "Accept: application/json" -X POST {Base}/containers/{id}/start""");
        Assert.That(start.Stdout, Does.StartWith("HTTP/1.1 204 No Content\r\n"), start.ToString());
        Assert.That((string?)(await Cloud.ServerAsync(id))?["status"], Is.EqualTo("ACTIVE"), "start is acknowledged once Nova runs the server");

        // The README deletes the server it has just started: Docker refuses to remove a running container without
        // force (409), and the message says how.
        var delete = await Curl($"""curl -i -H "ContendataType: application/json" -H "Accept: application/json" -X DELETE {Base}/containers/{id}""");
        Assert.That(delete.Stdout, Does.StartWith("HTTP/1.1 409 Conflict\r\n"), delete.ToString());
        Assert.That(delete.Stdout, Does.Contain($"DELETE /containers/{id}?force=1").And.Contain("docker rm -f demo1"), delete.ToString());
        Assert.That((string?)(await Cloud.ServerAsync(id))?["status"], Is.EqualTo("ACTIVE"), "a refused delete leaves the server alone");

        var forced = await Curl($"""curl -i -X DELETE "{Base}/containers/{id}?force=1" """);
        Assert.That(forced.Stdout, Does.StartWith("HTTP/1.1 204 No Content\r\n"), forced.ToString());
        Assert.That(await Cloud.ServerAsync(id), Is.Null, "delete is acknowledged once Nova no longer has the server");
    }

    [Test]
    public async Task SeedCurlExamples_InTheTimestampsOrder_CreateListStartStopDelete()
    {
        Clients.RequireCurl();
        Track("demo1");
        var id = await CreateAndListAsync();

        // The first start after a create is a 204, as in the seed, although Nova booted the server at create.
        var start = await Curl($"""curl -i -H "ContendataType: application/json" -H "Accept: application/json" -X POST {Base}/containers/{id}/start""");
        Assert.That(start.Stdout, Does.StartWith("HTTP/1.1 204 No Content\r\n"), start.ToString());
        Assert.That((string?)(await Cloud.ServerAsync(id))?["status"], Is.EqualTo("ACTIVE"), "start is acknowledged once Nova runs the server");

        var stop = await Curl($"""curl -i -H "ContendataType: application/json" -H "Accept: application/json" -X POST {Base}/containers/{id}/stop""");
        Assert.That(stop.Stdout, Does.StartWith("HTTP/1.1 204 No Content\r\n"), stop.ToString());
        Assert.That((string?)(await Cloud.ServerAsync(id))?["status"], Is.EqualTo("SHUTOFF"));

        var delete = await Curl($"""curl -i -H "ContendataType: application/json" -H "Accept: application/json" -X DELETE {Base}/containers/{id}""");
        Assert.That(delete.Stdout, Does.StartWith("HTTP/1.1 204 No Content\r\n"), delete.ToString());
        Assert.That(await Cloud.ServerAsync(id), Is.Null, "delete is acknowledged once Nova no longer has the server");
    }

    // The README's create, then its list at once: the new container is there, Up (Nova boots at create).
    private async Task<string> CreateAndListAsync()
    {
        var create = await Curl("""curl -i -H "Content-Type: application/json" -H "Accept: application/json" -X POST http://localhost:4245/containers/create -d '{"name":"demo1", "image":"cirros"}'""");
        Assert.That(create.Stdout, Does.StartWith("HTTP/1.1 201 Created\r\n"), create.ToString());
        Assert.That(create.Stdout, Does.Contain("Content-Type: application/json"), create.ToString());
        var body = create.Stdout[(create.Stdout.IndexOf("\r\n\r\n", StringComparison.Ordinal) + 4)..];
        var id = JsonDocument.Parse(body).RootElement.GetProperty("Id").GetString()!;
        Assert.That(id, Does.Match("^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$"), "the Id is the Nova server's UUID, as in the seed");
        Assert.That((string?)(await Cloud.ServerAsync(id))?["name"], Is.EqualTo("demo1"), "Nova has the server");

        var list = await Curl("""curl -H "Content-Type: application/json" -H "Accept: application/json" -X GET http://localhost:4245/containers/json | python3 -m json.tool""");
        Assert.That(list.ExitCode, Is.Zero, list.ToString());
        var listed = JsonDocument.Parse(list.Stdout).RootElement.EnumerateArray().Single(c => c.GetProperty("Id").GetString() == id);
        Assert.That(listed.GetProperty("Names")[0].GetString(), Is.EqualTo("/demo1"));
        Assert.That(listed.GetProperty("Created").ValueKind, Is.EqualTo(JsonValueKind.Number));
        Assert.That(listed.GetProperty("Status").GetString(), Does.StartWith("Up "), "listed Up right after the create, as in the seed");
        Assert.That(listed.TryGetProperty("Command", out _) && listed.TryGetProperty("Image", out _), Is.True);
        return id;
    }

    private static async Task<CliResult> Curl(string commandLine)
    {
        var result = await Cli.RunAsync("/bin/bash", ["-o", "pipefail", "-c", commandLine + " 2>/dev/null"], timeout: TimeSpan.FromSeconds(180));
        return result;
    }
}
