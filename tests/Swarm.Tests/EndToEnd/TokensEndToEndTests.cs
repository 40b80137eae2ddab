using Swarm.Tests.Openstack;
using Swarm.Tests.Support;

namespace Swarm.Tests.EndToEnd;

/// <summary>
/// What Keystone does to a long-running swarmd: its token expires while it idles, and every token of its user is
/// revoked. swarmd must go on answering without a restart. The last end-to-end fixture by name, so that the swarmd
/// <see cref="EndToEndRun"/> left idle since the run started has outlived its token by the time it is asked again.
/// </summary>
public sealed class TokensEndToEndTests : OpenstackEndToEndFixture
{
    // This fixture's swarmd runs as a user of its own (a member of the project), so that revoking its tokens leaves the
    // local cloud's services, which authenticate as the openrc's user, alone.
    private (string Id, IReadOnlyDictionary<string, string> Env)? _member;

    [Test]
    [Order(1)]
    public async Task Ps_TokenExpiresWhileIdle_IsSurvived()
    {
        Clients.RequireDocker();
        var idle = EndToEndRun.Idle;
        Assert.That(idle, Is.Not.Null, "the end-to-end run's idle swarmd was not started although the cloud and the docker CLI are here");
        Assert.That(idle!.Failure, Is.Null, "the idle swarmd of the end-to-end run");
        var marker = idle.Marker!;
        if (marker.ExpiresAt - DateTimeOffset.UtcNow > TimeSpan.FromMinutes(5))
        {
            var lifetime = marker.ExpiresAt - DateTimeOffset.UtcNow;
            Clients.Require(false, $"Keystone tokens last {lifetime.TotalSeconds:0} s here; bring the cloud up with OSDEV_TOKEN_EXPIRATION=180 (scripts/test.sh does) to test expiry");
        }

        // swarmd's token was issued before the marker, so once the marker has expired, so has swarmd's. After a whole
        // end-to-end run it has; run alone, this waits out what is left of the marker's lifetime.
        var deadline = marker.ExpiresAt + TimeSpan.FromMinutes(1);
        while (await Cloud.IsValidAsync(marker))
        {
            Assert.That(DateTimeOffset.UtcNow, Is.LessThan(deadline), "the marker token should have expired by now");
            await Task.Delay(TimeSpan.FromSeconds(5));
        }

        var ps = await idle.Docker!.RunAsync("ps");
        Assert.That(ps.ExitCode, Is.Zero, ps + "\n" + idle.Swarmd!.Log);
    }

    [Test]
    [Order(2)]
    public async Task Ps_TokensRevokedMidRun_ReauthenticatesOnce()
    {
        Clients.RequireDocker();
        await Docker.OkAsync("ps");
        var before = await Cloud.IssueTokenAsync(_member!.Value.Env);

        // Setting a user's password revokes every token Keystone has issued to that user, swarmd's included.
        await Cloud.SetPasswordAsync(_member.Value.Id, _member.Value.Env["OS_PASSWORD"]);
        Assert.That(await Cloud.IsValidAsync(before), Is.False, "Keystone revoked the earlier tokens");

        var ps = await Docker.RunAsync("ps");
        Assert.That(ps.ExitCode, Is.Zero, ps + "\n" + Swarmd.Log);
    }

    private protected override async Task PrepareCloudAsync() =>
        _member = await Cloud.CreateMemberAsync("e2e-tokens-" + Guid.NewGuid().ToString("N")[..6], Guid.NewGuid().ToString("N"));

    private protected override IReadOnlyDictionary<string, string> SwarmdEnvironment(LocalCloud cloud) => _member!.Value.Env;

    private protected override async Task CleanCloudAsync()
    {
        if (_member is { } member)
        {
            await Cloud.DeleteUserAsync(member.Id);
        }
    }
}
