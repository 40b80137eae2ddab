using System.Diagnostics;
using System.Net;
using System.Text.Json.Nodes;
using Swarm.Tests.Openstack;
using Swarm.Tests.Support;

namespace Swarm.Tests.EndToEnd;

/// <summary>
/// What the cloud does to a running swarmd: tokens revoked and expired, nova-api going away and coming back.
/// swarmd must give clients a clear error while the cloud is down and recover by itself, without a restart.
/// Runs after the other end-to-end fixtures: it stops and restarts parts of the local cloud.
/// </summary>
[Order(100)]
public sealed class FaultEndToEndTests : OpenstackEndToEndFixture
{
    [Test]
    [Order(2)]
    public async Task Ps_TokensRevokedMidRun_ReauthenticatesOnce()
    {
        Clients.RequireDocker();
        await Docker.OkAsync("ps");
        var before = await Cloud.IssueTokenAsync();

        // Setting a user's password revokes every token Keystone has issued to that user, swarmd's included.
        await Cloud.SetPasswordAsync(Cloud.Env["OS_PASSWORD"]);
        Assert.That(await Cloud.IsValidAsync(before), Is.False, "Keystone revoked the earlier tokens");

        var ps = await Docker.RunAsync("ps");
        Assert.That(ps.ExitCode, Is.Zero, ps + "\n" + Swarmd.Log);
    }

    [Test]
    [Order(1)]
    public async Task Ps_TokenExpiresMidRun_IsSurvived()
    {
        Clients.RequireDocker();
        await Docker.OkAsync("ps");
        var marker = await Cloud.IssueTokenAsync();
        Assert.That(await Cloud.IsValidAsync(marker), Is.True, "a fresh token is valid (nothing revoked it)");
        var lifetime = marker.ExpiresAt - DateTimeOffset.UtcNow;
        if (lifetime > TimeSpan.FromMinutes(5))
        {
            var reason = $"Keystone tokens last {lifetime.TotalSeconds:0} s here; bring the cloud up with OSDEV_TOKEN_EXPIRATION=180 (scripts/test.sh does) to test expiry";
            Clients.Require(false, reason);
        }

        // swarmd's token was issued before this marker, so once the marker has expired, so has swarmd's.
        var deadline = DateTime.UtcNow + lifetime + TimeSpan.FromMinutes(1);
        while (await Cloud.IsValidAsync(marker))
        {
            Assert.That(DateTime.UtcNow, Is.LessThan(deadline), "the marker token should have expired by now");
            await Task.Delay(TimeSpan.FromSeconds(5));
        }

        var ps = await Docker.RunAsync("ps");
        Assert.That(ps.ExitCode, Is.Zero, ps + "\n" + Swarmd.Log);
    }

    [Test]
    [Order(3)]
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
