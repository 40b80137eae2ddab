using System.Globalization;
using Swarm.Backends.Openstack.Cloud;
using Swarm.Core.Containers;

namespace Swarm.Backends.Openstack.Containers;

/// <summary><c>docker info</c> on OpenStack: Nova's limits and usage, one listing, Glance's images.</summary>
internal static class HostInfoReader
{
    public static async Task<HostInfo> ReadAsync(OpenstackCloud cloud, OpenstackOptions options, OpenstackHost host, CancellationToken cancellationToken)
    {
        var compute = await cloud.ComputeAsync(cancellationToken).ConfigureAwait(false);
        var limits = await compute.Limits.AbsoluteAsync(cancellationToken).ConfigureAwait(false);
        var containers = await host.ListAsync(cancellationToken).ConfigureAwait(false);
        var images = await host.ListImagesAsync(cancellationToken).ConfigureAwait(false);
        long Limit(string key) => limits.TryGetValue(key, out var v) ? v : -1;
        string Show(long value) => value < 0 ? "unlimited" : value.ToString(CultureInfo.InvariantCulture);
        var status = new List<KeyValuePair<string, string>>
        {
            new("Auth URL", cloud.AuthUrl),
            new("Nova", $"{compute.BaseUrl} (microversion {compute.Microversion})"),
            new("Region", cloud.Region ?? "(any)"),
            new("Default flavor", options.Flavor ?? "m1.tiny or the smallest"),
            new("Network (bridge)", options.Network ?? "none: containers without a Docker network boot with networks none"),
            new("Instances", $"{Show(Limit("totalInstancesUsed"))} of {Show(Limit("maxTotalInstances"))}"),
            new("Cores", $"{Show(Limit("totalCoresUsed"))} of {Show(Limit("maxTotalCores"))}"),
            new("RAM (MB)", $"{Show(Limit("totalRAMUsed"))} of {Show(Limit("maxTotalRAMSize"))}"),
        };
        return new HostInfo
        {
            Id = "openstack:" + cloud.AuthUrl,
            Name = $"{options.Name} ({cloud.AuthUrl})",
            Driver = OpenstackBackend.BackendName,
            Containers = containers.Count,
            ContainersRunning = containers.Count(c => c.State.Status is ContainerStatus.Running or ContainerStatus.Restarting),
            ContainersPaused = containers.Count(c => c.State.Status == ContainerStatus.Paused),
            ContainersStopped = containers.Count(c => c.State.Status is ContainerStatus.Exited or ContainerStatus.Dead or ContainerStatus.Created),
            Images = images.Count,
            Cpus = (int)Math.Max(0, Limit("maxTotalCores")),
            MemoryBytes = Math.Max(0, Limit("maxTotalRAMSize")) * 1024 * 1024,
            OperatingSystem = "OpenStack Nova",
            Status = status,
        };
    }
}
