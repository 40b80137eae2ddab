using Swarm.Tests.Openstack;
using Swarm.Tests.Support;

namespace Swarm.Tests.EndToEnd;

/// <summary>
/// Set up once before the first end-to-end fixture: a swarmd that is asked <c>docker ps</c> at once and then left
/// alone while the other fixtures run, as a user leaves a swarmd running over lunch. <see cref="TokensEndToEndTests"/>
/// asks it again at the end, after its Keystone token has expired, so the suite does not sit out a token's lifetime
/// in a wait of its own. Nothing here fails the run: without a cloud or a docker CLI there is no such swarmd, and the
/// test that uses it says why.
/// </summary>
[SetUpFixture]
public sealed class EndToEndRun
{
    /// <summary>The swarmd left running since the run started, or null outside a cloud run.</summary>
    internal static IdleSwarmd? Idle { get; private set; }

    [OneTimeSetUp]
    public async Task StartIdleSwarmd()
    {
        if (File.Exists(Clients.Docker) && LocalCloud.TryOpen() is { } cloud)
        {
            Idle = await IdleSwarmd.StartAsync(cloud);
        }
    }

    [OneTimeTearDown]
    public async Task StopIdleSwarmd()
    {
        if (Idle is not null)
        {
            await Idle.DisposeAsync();
        }
    }
}

/// <summary>
/// A swarmd on the local cloud that answered one <c>docker ps</c>, and a Keystone token issued right after that answer:
/// once <see cref="Marker"/> has expired, so has every token swarmd held.
/// </summary>
internal sealed class IdleSwarmd : IAsyncDisposable
{
    private IdleSwarmd(LocalCloud cloud, SwarmdProcess? swarmd, DockerCli? docker, KeystoneToken? marker, string? failure)
    {
        Cloud = cloud;
        Swarmd = swarmd;
        Docker = docker;
        Marker = marker;
        Failure = failure;
    }

    public LocalCloud Cloud { get; }

    public SwarmdProcess? Swarmd { get; }

    public DockerCli? Docker { get; }

    public KeystoneToken? Marker { get; }

    /// <summary>Why the swarmd or its first <c>docker ps</c> failed, for the test to report; null when both worked.</summary>
    public string? Failure { get; }

    public static async Task<IdleSwarmd> StartAsync(LocalCloud cloud)
    {
        SwarmdProcess? swarmd = null;
        try
        {
            swarmd = await SwarmdProcess.StartAsync(cloud.Env, null, "openstack --flavor=m1.tiny");
            var docker = new DockerCli(swarmd.DockerHost) { Timeout = TimeSpan.FromMinutes(3) };
            var ps = await docker.RunAsync("ps");
            if (ps.ExitCode != 0)
            {
                return new IdleSwarmd(cloud, swarmd, docker, null, $"the first docker ps failed:\n{ps}\n{swarmd.Log}");
            }

            return new IdleSwarmd(cloud, swarmd, docker, await cloud.IssueTokenAsync(), null);
        }
        catch (Exception e)
        {
            return new IdleSwarmd(cloud, swarmd, null, null, $"{e.GetType().Name}: {e.Message}\n{swarmd?.Log}");
        }
    }

    public async ValueTask DisposeAsync()
    {
        Docker?.Dispose();
        if (Swarmd is not null)
        {
            await Swarmd.DisposeAsync();
        }

        Cloud.Dispose();
    }
}
