using System.Diagnostics;
using System.Net;
using System.Text.Json.Nodes;
using Swarm.Tests.Openstack;
using Swarm.Tests.Support;

namespace Swarm.Tests.EndToEnd;

/// <summary>
/// What the cloud does to a running swarmd: nova-api going away and coming back. swarmd must give clients a clear
/// error while the cloud is down and recover by itself, without a restart. Keystone's part (tokens expiring and
/// revoked) is <see cref="TokensEndToEndTests"/>. Ordered, so NUnit runs it before the end-to-end fixtures that are
/// not: every one after it runs on a nova-api that up.sh has restarted.
/// </summary>
[Order(100)]
public sealed class FaultEndToEndTests : OpenstackEndToEndFixture
{
    [Test]
    public async Task Ps_NovaApiDownThenBack_ClearUnavailableThenRecovers()
    {
        Clients.RequireDocker();
        await Docker.OkAsync("ps");
        using var http = new HttpClient { BaseAddress = Swarmd.HttpBase, Timeout = TimeSpan.FromMinutes(3) };

        await StopNovaApiAsync();
        try
        {
            using var response = await http.GetAsync("/containers/json");
            var body = await response.Content.ReadAsStringAsync();
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.ServiceUnavailable), body);
            Assert.That(JsonNode.Parse(body)?["message"]?.GetValue<string>(), Is.Not.Empty);
            Assert.That(body, Does.Not.Contain(Cloud.Env["OS_PASSWORD"] + "\"").And.Not.Contain("X-Auth-Token"));

            var ps = await Docker.RunAsync("ps");
            Assert.That(ps.ExitCode, Is.EqualTo(1));
            Assert.That(ps.Stderr, Does.StartWith("Error response from daemon: "));
        }
        finally
        {
            await StartCloudAsync();
        }

        var recovered = await Docker.RunAsync("ps");
        Assert.That(recovered.ExitCode, Is.Zero, recovered + "\n" + Swarmd.Log);
        Assert.That(Swarmd.ExitCode, Is.Null, "the same swarmd process served before and after");
    }

    private static string StateDir => Path.GetDirectoryName(LocalCloud.RcPath)!;

    private static async Task StopNovaApiAsync()
    {
        var record = (await File.ReadAllTextAsync(Path.Combine(StateDir, "pids", "nova-api.pid"))).Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var pid = int.Parse(record[0], System.Globalization.CultureInfo.InvariantCulture);
        var stat = (await File.ReadAllTextAsync($"/proc/{pid}/stat")).Split(')')[1].Split(' ', StringSplitOptions.RemoveEmptyEntries);
        Assert.That(stat[19], Is.EqualTo(record[1]), "the recorded nova-api process is still the one up.sh started");
        using (var kill = Process.Start("kill", ["-TERM", pid.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
        {
            await kill.WaitForExitAsync();
        }

        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (Directory.Exists($"/proc/{pid}") && !File.ReadAllText($"/proc/{pid}/stat").Contains(") Z ", StringComparison.Ordinal))
        {
            Assert.That(DateTime.UtcNow, Is.LessThan(deadline), "nova-api did not stop within 60 s of SIGTERM");
            await Task.Delay(200);
        }
    }

    private static async Task StartCloudAsync()
    {
        // The cloud whose nova-api was stopped: the state folder of the openrc in use, wherever it is.
        var up = await Cli.RunAsync(
            "/bin/bash",
            [Repository.Path("scripts", "openstack-dev", "up.sh")],
            new Dictionary<string, string?> { ["OSDEV_STATE"] = StateDir },
            timeout: TimeSpan.FromMinutes(5));
        Assert.That(up.ExitCode, Is.Zero, "up.sh should bring nova-api back:\n" + up);
    }
}
