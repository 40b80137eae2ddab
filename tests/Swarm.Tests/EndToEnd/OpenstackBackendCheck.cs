using System.Text.Json.Nodes;
using Swarm.Tests.Openstack;
using Swarm.Tests.Scenarios;
using Swarm.Tests.Support;

namespace Swarm.Tests.EndToEnd;

/// <summary>
/// The scenarios' checks on the local OpenStack: each published port is a Neutron port forwarding on the floating IP the
/// client shows, to the container's port, opened by its security group, and really answers: a listener started in the
/// port's guest namespace is reached through the floating IP from <c>osdev-net</c>; each volume is a Cinder volume,
/// attached to the container's server while it exists and available afterwards.
/// </summary>
internal sealed class OpenstackBackendCheck(LocalCloud cloud) : IBackendCheck
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(90);

    public string AddressPattern => @"172\.24\.4\.\d+";

    public async Task PublishedAsync(string containerId, string address, int hostPort, int containerPort)
    {
        var fip = (await cloud.NeutronListAsync("floatingips", "floating_ip_address=" + address)).Single();
        var forwarding = fip["port_forwardings"]!.AsArray().OfType<JsonObject>().Single(f => (int)f["external_port"]! == hostPort);
        Assert.That((int)forwarding["internal_port"]!, Is.EqualTo(containerPort));
        var portId = (string)forwarding["internal_port_id"]!;
        var internalIp = (string)forwarding["internal_ip_address"]!;
        var port = (await cloud.NeutronListAsync("ports", "id=" + portId)).Single();
        Assert.That((string?)port["device_id"], Is.EqualTo(containerId), "the forwarding goes to the container's port");
        var groups = await cloud.NeutronListAsync("security-groups", string.Join('&', port["security_groups"]!.AsArray().Select(g => "id=" + g)));
        var rules = groups.Where(g => ((string?)g["name"] ?? "").StartsWith("swarm-c-", StringComparison.Ordinal)).SelectMany(g => g["security_group_rules"]!.AsArray().OfType<JsonObject>());
        Assert.That(rules.Where(r => (string?)r["direction"] == "ingress").Select(r => ((string?)r["protocol"], (int?)r["port_range_min"], (int?)r["port_range_max"])),
            Does.Contain(("tcp", (int?)containerPort, (int?)containerPort)), "the container's security group opens the port");

        // The guest namespace appears once vifplug has plugged the bound port.
        var guest = "osdev-port-" + portId;
        await WaitFor.ConditionAsync(() => File.Exists("/run/netns/" + guest), $"network namespace {guest}", Patience);
        var folder = Directory.CreateTempSubdirectory("swarm-published-");
        try
        {
            var marker = "published " + Guid.NewGuid().ToString("N");
            await File.WriteAllTextAsync(Path.Combine(folder.FullName, "marker.txt"), marker);
            await using var listener = Cli.Start("/usr/sbin/ip",
                ["netns", "exec", guest, Clients.Python, "-m", "http.server", containerPort.ToString(System.Globalization.CultureInfo.InvariantCulture), "--bind", internalIp, "--directory", folder.FullName]);
            string? seen = null;
            await WaitFor.ConditionAsync(async () =>
            {
                var curl = await Cli.RunAsync("/usr/sbin/ip", ["netns", "exec", "osdev-net", Clients.Curl, "-s", "--max-time", "3", $"http://{address}:{hostPort}/marker.txt"], timeout: TimeSpan.FromSeconds(10));
                seen = curl.Stdout;
                return curl.Stdout == marker;
            }, $"http://{address}:{hostPort}/ to answer from the container's namespace (last answer: {seen})", Patience);
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    public async Task UnpublishedAsync(string containerName, string address, int hostPort)
    {
        var fips = await cloud.NeutronListAsync("floatingips", "floating_ip_address=" + address);
        Assert.That(fips.SelectMany(f => f["port_forwardings"]!.AsArray().OfType<JsonObject>()).Select(f => (int)f["external_port"]!), Does.Not.Contain(hostPort));
        Assert.That(await cloud.NeutronListAsync("security-groups", "name=" + Uri.EscapeDataString("swarm-c-" + containerName)), Is.Empty, "its security group is gone");
        Assert.That(await cloud.NeutronListAsync("ports", "name=" + Uri.EscapeDataString(containerName)), Is.Empty, "its port is gone");
    }

    public async Task VolumeInUseAsync(string volume, string containerId) =>
        await WaitFor.ConditionAsync(async () => await OneAsync(volume) is { } v && (string?)v["status"] == "in-use"
            && v["attachments"]!.AsArray().Any(a => (string?)a!["server_id"] == containerId), $"Cinder volume {volume} attached to {containerId}", Patience);

    public async Task VolumeFreeAsync(string volume) =>
        await WaitFor.ConditionAsync(async () => await OneAsync(volume) is { } v && (string?)v["status"] == "available" && v["attachments"]!.AsArray().Count == 0,
            $"Cinder volume {volume} available", Patience);

    public async Task VolumeGoneAsync(string volume) =>
        await WaitFor.ConditionAsync(async () => (await cloud.CinderVolumesNamedAsync(volume)).Count == 0, $"Cinder volume {volume} deleted", Patience);

    private async Task<JsonObject?> OneAsync(string volume)
    {
        var named = await cloud.CinderVolumesNamedAsync(volume);
        Assert.That(named, Has.Count.LessThanOrEqualTo(1), $"one Cinder volume named {volume}");
        return named.SingleOrDefault();
    }
}
