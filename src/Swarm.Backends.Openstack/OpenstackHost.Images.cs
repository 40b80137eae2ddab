using Swarm.Backends.Openstack.Image.V2;
using Swarm.Core.Beam;
using Swarm.Core.Containers;

namespace Swarm.Backends.Openstack;

/// <summary>Images (Glance v2) and host info (Nova limits).</summary>
public sealed partial class OpenstackHost
{
    /// <inheritdoc />
    public async Task<IReadOnlyList<ImageRecord>> ListImagesAsync(CancellationToken cancellationToken)
    {
        var images = await _cloud.ImagesAsync(cancellationToken).ConfigureAwait(false);
        var all = await images.ListAsync(null, cancellationToken).ConfigureAwait(false);
        Remember(all);
        return [.. all.Where(Active).Select(ToImage)];
    }

    /// <inheritdoc />
    public async Task<ImageRecord> GetImageAsync(string reference, CancellationToken cancellationToken) =>
        ToImage(await ResolveImageAsync(reference, cancellationToken).ConfigureAwait(false));

    /// <inheritdoc />
    public async Task<HostInfo> GetInfoAsync(CancellationToken cancellationToken)
    {
        var compute = await _cloud.ComputeAsync(cancellationToken).ConfigureAwait(false);
        var limits = await compute.LimitsAsync(cancellationToken).ConfigureAwait(false);
        var containers = await ListAsync(cancellationToken).ConfigureAwait(false);
        var images = await ListImagesAsync(cancellationToken).ConfigureAwait(false);
        long Limit(string key) => limits.TryGetValue(key, out var v) ? v : -1;
        string Show(long value) => value < 0 ? "unlimited" : value.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var status = new List<KeyValuePair<string, string>>
        {
            new("Auth URL", _cloud.AuthUrl),
            new("Nova", $"{compute.BaseUrl} (microversion {compute.Microversion})"),
            new("Region", _cloud.Region ?? "(any)"),
            new("Default flavor", _options.Flavor ?? "m1.tiny or the smallest"),
            new("Network", _options.Network ?? "none"),
            new("Instances", $"{Show(Limit("totalInstancesUsed"))} of {Show(Limit("maxTotalInstances"))}"),
            new("Cores", $"{Show(Limit("totalCoresUsed"))} of {Show(Limit("maxTotalCores"))}"),
            new("RAM (MB)", $"{Show(Limit("totalRAMUsed"))} of {Show(Limit("maxTotalRAMSize"))}"),
        };
        return new HostInfo
        {
            Id = "openstack:" + _cloud.AuthUrl,
            Name = $"{Name} ({_cloud.AuthUrl})",
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

    /// <summary>
    /// A Glance image by id, by name, or by <c>name:tag</c> (tag <c>latest</c> is ignored; another tag must
    /// be a Glance tag of the image). Several with one name: the newest active one.
    /// </summary>
    private async Task<GlanceImage> ResolveImageAsync(string reference, CancellationToken cancellationToken)
    {
        var images = await _cloud.ImagesAsync(cancellationToken).ConfigureAwait(false);
        if (Guid.TryParse(reference, out _))
        {
            return await images.GetAsync(reference, cancellationToken).ConfigureAwait(false) is { } byId && Active(byId)
                ? byId
                : throw BeamException.NotFound($"No such image: {reference}");
        }

        var found = await images.ListAsync(reference, cancellationToken).ConfigureAwait(false);
        var colon = reference.LastIndexOf(':');
        if (found.Count == 0 && colon > 0 && colon > reference.LastIndexOf('/'))
        {
            var (name, tag) = (reference[..colon], reference[(colon + 1)..]);
            found = [.. (await images.ListAsync(name, cancellationToken).ConfigureAwait(false))
                .Where(i => tag == "latest" || (i.Tags?.Contains(tag, StringComparer.Ordinal) ?? false))];
        }

        Remember(found);
        return found.Where(Active).OrderByDescending(i => i.Created).FirstOrDefault()
            ?? throw BeamException.NotFound($"No such image: {reference}");
    }

    private void Remember(IEnumerable<GlanceImage> images)
    {
        lock (_imageNames)
        {
            foreach (var image in images)
            {
                _imageNames[image.Id] = image.Name ?? image.Id;
            }
        }
    }

    private static bool Active(GlanceImage image) => string.Equals(image.Status, "active", StringComparison.OrdinalIgnoreCase);

    private static ImageRecord ToImage(GlanceImage image) => new()
    {
        Id = image.Id,
        RepoTags = image.Name is { Length: > 0 } name ? [name.Contains(':', StringComparison.Ordinal) ? name : name + ":latest"] : [],
        Created = image.Created,
        Size = image.Size ?? 0,
        Os = "linux",
        Architecture = image.Architecture ?? "amd64",
        Labels = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["disk_format"] = image.DiskFormat ?? "",
            ["visibility"] = image.Visibility ?? "",
        },
    };
}
