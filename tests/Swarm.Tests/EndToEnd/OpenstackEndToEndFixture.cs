using System.Collections.Concurrent;
using Swarm.Tests.Openstack;
using Swarm.Tests.Support;

namespace Swarm.Tests.EndToEnd;

/// <summary>
/// The end-to-end setting: the real swarmd binary as <c>swarmd 'dockerserver tcp://127.0.0.1:PORT'
/// 'openstack --flavor=m1.tiny'</c>, credentials from the local cloud's openrc, the real Docker clients in front,
/// and Nova itself to check every step against. Every server a test names is removed afterwards, straight in Nova, with
/// what swarmd made for its published ports (ports, security group, floating IPs left without forwardings), every Docker
/// network it names straight in Neutron (with its ports, router interfaces and security group), and every volume it names
/// straight in Cinder, each with its name claim.
/// </summary>
[Category("OpenStack")]
[Category("EndToEnd")]
[NonParallelizable]
public abstract class OpenstackEndToEndFixture
{
    private readonly ConcurrentBag<string> _names = [];
    private readonly ConcurrentBag<string> _networks = [];
    private readonly ConcurrentBag<string> _volumes = [];

    private protected LocalCloud Cloud { get; private set; } = null!;

    private protected SwarmdProcess Swarmd { get; private set; } = null!;

    protected DockerCli Docker { get; private set; } = null!;

    /// <summary>The spec of the backend behind dockerserver.</summary>
    protected virtual string[] BackendSpecs => ["openstack --flavor=m1.tiny"];

    /// <summary>The dockerserver's port; null picks a free one.</summary>
    protected virtual int? FixedPort => null;

    /// <summary>How the credentials are given to swarmd; the openrc's variables by default.</summary>
    private protected virtual IReadOnlyDictionary<string, string> SwarmdEnvironment(LocalCloud cloud) => cloud.Env;

    [OneTimeSetUp]
    public async Task StartSwarmd()
    {
        Cloud = LocalCloud.Require();
        await PrepareCloudAsync();
        Swarmd = await SwarmdProcess.StartAsync(SwarmdEnvironment(Cloud), FixedPort, BackendSpecs);
        // 20 concurrent creates take Nova's fake driver about 20 s to build, one after another.
        Docker = new DockerCli(Swarmd.DockerHost) { Timeout = TimeSpan.FromMinutes(3) };
    }

    [OneTimeTearDown]
    public async Task StopSwarmd()
    {
        if (Cloud is null)
        {
            return;
        }

        try
        {
            await RemoveNamedServersAsync();
            await RemovePublishedAsync();
            await RemoveNamedVolumesAsync();
            await RemoveNamedNetworksAsync();
            await CleanCloudAsync();
        }
        finally
        {
            Docker?.Dispose();
            if (Swarmd is not null)
            {
                await Swarmd.DisposeAsync();
                Assert.That(Swarmd.ExitCode, Is.Zero, "swarmd should stop cleanly on SIGTERM:\n" + Swarmd.Log);
            }

            Cloud.Dispose();
        }
    }

    /// <summary>A container name unique to this run, removed from Nova after the fixture.</summary>
    protected string Name(string hint)
    {
        var name = $"e2e-{hint}-{Guid.NewGuid().ToString("N")[..6]}";
        _names.Add(name);
        return name;
    }

    /// <summary>Remembers a Docker network's name (compose's <c>P_default</c>, say): removed from Neutron after the fixture.</summary>
    protected void TrackNetwork(string name) => _networks.Add(name);

    /// <summary>Remembers a Docker volume's name: removed from Cinder after the fixture.</summary>
    protected void TrackVolume(string name) => _volumes.Add(name);

    /// <summary>Makes what the fixture's swarmd needs in the cloud before it starts (a network its --network names, say).</summary>
    private protected virtual Task PrepareCloudAsync() => Task.CompletedTask;

    /// <summary>Removes what <see cref="PrepareCloudAsync"/> made, after everything else.</summary>
    private protected virtual Task CleanCloudAsync() => Task.CompletedTask;

    /// <summary>Remembers a name chosen elsewhere (the seed's demo1) for cleanup.</summary>
    protected void Track(string name) => _names.Add(name);

    /// <summary>Waits until Nova shows the server in <paramref name="status"/>, failing with what it last saw.</summary>
    protected async Task<string> NovaStatusAsync(string id, string status, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(60));
        string? seen = null;
        while (DateTime.UtcNow < deadline)
        {
            seen = (string?)(await Cloud.ServerAsync(id))?["status"];
            if (seen == status)
            {
                return seen;
            }

            await Task.Delay(200);
        }

        Assert.Fail($"Nova server {id}: expected status {status}, last saw {seen ?? "no server"}");
        return seen!;
    }

    // The servers are gone: their ports swarmd made (named after them), their security groups, and floating IPs swarmd
    // allocated that no forwarding uses any more.
    private async Task RemovePublishedAsync()
    {
        foreach (var name in _names.Distinct())
        {
            foreach (var port in await Cloud.NeutronListAsync("ports", "name=" + Uri.EscapeDataString(name)))
            {
                await Cloud.DeleteNeutronAsync($"ports/{port["id"]}");
            }

            foreach (var group in await Cloud.NeutronListAsync("security-groups", "name=" + Uri.EscapeDataString("swarm-c-" + name)))
            {
                await Cloud.DeleteSecurityGroupAsync((string)group["id"]!);
            }
        }

        foreach (var tag in new[] { "swarm.own", "swarm.shared" })
        {
            foreach (var fip in await Cloud.NeutronListAsync("floatingips", "tags=" + tag))
            {
                if (fip["port_forwardings"]!.AsArray().Count == 0 && (tag == "swarm.shared" || _names.Any(n => ((string?)fip["description"] ?? "").EndsWith(" " + n, StringComparison.Ordinal))))
                {
                    await Cloud.DeleteNeutronAsync($"floatingips/{fip["id"]}");
                }
            }
        }
    }

    private async Task RemoveNamedVolumesAsync()
    {
        foreach (var name in _volumes.Distinct())
        {
            foreach (var volume in await Cloud.CinderVolumesNamedAsync(name))
            {
                await Cloud.DeleteCinderVolumeAsync((string)volume["id"]!);
            }

            await Cloud.DeleteClaimsAsync("volume", name);
        }
    }

    private async Task RemoveNamedNetworksAsync()
    {
        foreach (var name in _networks.Distinct())
        {
            foreach (var network in await Cloud.NeutronNetworksNamedAsync(name))
            {
                await Cloud.DeleteNeutronNetworkAsync((string)network["id"]!);
            }

            foreach (var group in await Cloud.NeutronListAsync("security-groups", "name=" + Uri.EscapeDataString("swarm-" + name)))
            {
                await Cloud.DeleteSecurityGroupAsync((string)group["id"]!);
            }

            await Cloud.DeleteClaimsAsync("network", name);
        }
    }

    private async Task RemoveNamedServersAsync()
    {
        var ids = new List<string>();
        foreach (var name in _names.Distinct())
        {
            foreach (var server in await Cloud.ServersNamedAsync(name))
            {
                ids.Add((string)server["id"]!);
            }
        }

        foreach (var id in ids)
        {
            await Cloud.DeleteAsync(id);
        }

        foreach (var id in ids)
        {
            await Cloud.WaitGoneAsync(id, TimeSpan.FromSeconds(120));
        }

        foreach (var name in _names.Distinct())
        {
            await Cloud.DeleteClaimsAsync("container", name);
        }
    }
}
