using Swarm.Backends.Openstack.Compute.V2;
using Swarm.Core.Beam;
using Swarm.Core.Containers;

namespace Swarm.Backends.Openstack.Host;

/// <summary>
/// Chooses the flavor of a new server: the <c>swarm.flavor</c> label, else the smallest flavor that fits
/// <c>Memory</c>/<c>NanoCpus</c>, else the backend's <c>--flavor</c>, else m1.tiny or the smallest.
/// </summary>
internal static class Flavors
{
    public static Flavor Choose(ContainerSpec spec, string? defaultFlavor, IReadOnlyList<Flavor> all)
    {
        var usable = all.Where(f => !f.Disabled).ToList();
        if (spec.Labels.TryGetValue(ServerMetadata.FlavorLabel, out var wanted) && wanted.Length > 0)
        {
            return Find(wanted, usable) ?? throw BeamException.Invalid(
                $"flavor '{wanted}' (label {ServerMetadata.FlavorLabel}) does not exist; flavors: {Names(usable)}");
        }

        if (spec.Memory > 0 || spec.NanoCpus > 0)
        {
            var ramMb = (spec.Memory + (1024 * 1024) - 1) / (1024 * 1024);
            var cpus = (spec.NanoCpus + 999_999_999) / 1_000_000_000;
            return usable
                .Where(f => f.Ram >= ramMb && f.Vcpus >= cpus)
                .OrderBy(f => f.Ram).ThenBy(f => f.Vcpus).ThenBy(f => f.Disk)
                .FirstOrDefault()
                ?? throw BeamException.Invalid($"no flavor has {ramMb} MB of memory and {Math.Max(cpus, 1)} vCPUs; flavors: {Names(usable)}");
        }

        if (defaultFlavor is not null)
        {
            return Find(defaultFlavor, usable) ?? throw BeamException.Invalid(
                $"flavor '{defaultFlavor}' (--flavor) does not exist; flavors: {Names(usable)}");
        }

        return Find("m1.tiny", usable)
            ?? usable.OrderBy(f => f.Ram).ThenBy(f => f.Vcpus).ThenBy(f => f.Disk).FirstOrDefault()
            ?? throw BeamException.Unavailable("openstack: the cloud offers no flavors");
    }

    public static Flavor? Find(string nameOrId, IReadOnlyList<Flavor> all) =>
        all.FirstOrDefault(f => string.Equals(f.Id, nameOrId, StringComparison.Ordinal))
        ?? all.FirstOrDefault(f => string.Equals(f.Name, nameOrId, StringComparison.Ordinal));

    private static string Names(IEnumerable<Flavor> flavors) => string.Join(", ", flavors.Select(f => f.Name));
}
