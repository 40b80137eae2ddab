using Swarm.Backends.Openstack.Cloud;
using Swarm.Backends.Openstack.Compute.V2;
using Swarm.Core.Beam;
using Swarm.Core.Containers;

namespace Swarm.Backends.Openstack.Containers;

/// <summary>
/// Nova's flavors, cached for <see cref="Lifetime"/> as one immutable list (refreshed by one caller at a time), and
/// the choice of a new server's flavor: the <c>swarm.flavor</c> label, else the smallest flavor that fits
/// <c>Memory</c>/<c>NanoCpus</c>, else the backend's <c>--flavor</c>, else m1.tiny or the smallest.
/// </summary>
internal sealed class FlavorCatalog(OpenstackCloud cloud, TimeProvider time) : IDisposable
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(5);

    private readonly SemaphoreSlim _refresh = new(1, 1);
    private volatile Cached? _cached;

    /// <summary>Every flavor, from the cache when it is young enough.</summary>
    public async Task<IReadOnlyList<Flavor>> ListAsync(CancellationToken cancellationToken)
    {
        if (_cached is { } cached && time.GetUtcNow() - cached.At < Lifetime)
        {
            return cached.Flavors;
        }

        await _refresh.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_cached is { } again && time.GetUtcNow() - again.At < Lifetime)
            {
                return again.Flavors;
            }

            var compute = await cloud.ComputeAsync(cancellationToken).ConfigureAwait(false);
            var flavors = await compute.Flavors.ListAsync(cancellationToken).ConfigureAwait(false);
            _cached = new Cached(flavors, time.GetUtcNow());
            return flavors;
        }
        finally
        {
            _refresh.Release();
        }
    }

    /// <summary>A flavor's name from the cache, or null.</summary>
    public string? NameOf(string? id) => id is null || _cached is not { } cached ? null : Find(id, cached.Flavors)?.Name;

    /// <summary>Whether <see cref="NameOf"/> can answer without a call.</summary>
    public bool IsLoaded => _cached is not null;

    /// <summary>The flavor of a new server.</summary>
    public async Task<Flavor> ChooseAsync(ContainerSpec spec, string? defaultFlavor, CancellationToken cancellationToken) =>
        Choose(spec, defaultFlavor, await ListAsync(cancellationToken).ConfigureAwait(false));

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

    public void Dispose() => _refresh.Dispose();

    private static string Names(IEnumerable<Flavor> flavors) => string.Join(", ", flavors.Select(f => f.Name));

    private sealed record Cached(IReadOnlyList<Flavor> Flavors, DateTimeOffset At);
}
