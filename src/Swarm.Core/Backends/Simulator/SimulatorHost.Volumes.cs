using Swarm.Core.Beam;
using Swarm.Core.Containers;

namespace Swarm.Core.Backends.Simulator;

/// <summary>
/// The simulator's volumes, with dockerd's local driver semantics: names unique, a create of a name in use answers that
/// volume, a container's <c>-v NAME:/path</c> creates NAME when it does not exist and <c>-v /path</c> a new anonymous
/// volume, a volume in use cannot be removed, and a container created with <c>--rm</c> takes its anonymous volumes
/// with it. Nothing is written anywhere: a volume is its name, options and labels.
/// </summary>
public sealed partial class SimulatorHost : IVolumeHost
{
    private const string LocalDriver = "local";

    // dockerd's local driver accepts these options (mount(8)'s type, options and device, and a size on some file systems).
    private static readonly string[] LocalOptions = ["type", "o", "device", "size"];

    private readonly Dictionary<string, SimVolume> _volumes = new(StringComparer.Ordinal);

    /// <inheritdoc />
    public Task<IReadOnlyList<VolumeRecord>> ListVolumesAsync(CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            return Task.FromResult<IReadOnlyList<VolumeRecord>>([.. _volumes.Values.OrderBy(v => v.Name, StringComparer.Ordinal).Select(VolumeRecordOf)]);
        }
    }

    /// <inheritdoc />
    public Task<VolumeRecord> GetVolumeAsync(string name, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        lock (_gate)
        {
            return Task.FromResult(VolumeRecordOf(FindVolume(name)));
        }
    }

    /// <inheritdoc />
    public Task<VolumeRecord> CreateVolumeAsync(VolumeSpec spec, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(spec);
        lock (_gate)
        {
            return Task.FromResult(VolumeRecordOf(EnsureVolume(spec)));
        }
    }

    /// <inheritdoc />
    public Task DeleteVolumeAsync(string name, bool force, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        lock (_gate)
        {
            var volume = FindVolume(name);
            var users = Users(volume.Name);
            if (users.Count > 0)
            {
                throw DockerVolumes.InUse(volume.Name, users);
            }

            _volumes.Remove(volume.Name);
        }

        return Task.CompletedTask;
    }

    // Under the lock: the volume a spec names (a name in use answers that volume), else a new one.
    private SimVolume EnsureVolume(VolumeSpec spec)
    {
        var checkedSpec = Check(spec);
        if (_volumes.TryGetValue(checkedSpec.Name, out var existing))
        {
            return existing;
        }

        var volume = new SimVolume(checkedSpec.Name, checkedSpec.Driver, checkedSpec.DriverOpts, checkedSpec.Labels, _time.GetUtcNow());
        _volumes.Add(volume.Name, volume);
        return volume;
    }

    // Under the lock: the spec with its name and driver settled, refused as dockerd's local driver refuses it.
    private VolumeSpec Check(VolumeSpec spec)
    {
        var name = spec.Name.Length > 0 ? DockerVolumes.ValidateName(spec.Name) : DockerVolumes.NewName();
        var driver = spec.Driver.Length > 0 ? spec.Driver : LocalDriver;
        if (driver != LocalDriver)
        {
            throw BeamException.NotFound($"create {name}: error looking up volume plugin {driver}: plugin \"{driver}\" not found");
        }

        if (!_volumes.ContainsKey(name) && spec.DriverOpts.Keys.FirstOrDefault(k => !LocalOptions.Contains(k)) is { } bad)
        {
            throw BeamException.Invalid($"create {name}: invalid option: \"{bad}\"");
        }

        return spec with { Name = name, Driver = driver };
    }

    // Under the lock: the volumes a new container's mounts need, checked; nothing is made yet.
    private List<VolumeSpec?> PlanMounts(ContainerSpec spec)
    {
        DockerVolumes.Validate(spec.Mounts);
        return [.. spec.Mounts.Select(mount => mount.Type == MountType.Volume
            ? Check(new VolumeSpec
            {
                Name = mount.Source,
                Driver = mount.VolumeDriver,
                DriverOpts = mount.VolumeOptions,
                Labels = mount.Source.Length > 0
                    ? mount.VolumeLabels
                    : new Dictionary<string, string>(mount.VolumeLabels) { [DockerVolumes.AnonymousLabel] = "" },
            })
            : null)];
    }

    // Under the lock: a new container's mounts, its volumes found or made as planned.
    private List<MountPoint> MountAtCreate(ContainerSpec spec, List<VolumeSpec?> planned)
    {
        var mounts = new List<MountPoint>(spec.Mounts.Count);
        for (var i = 0; i < spec.Mounts.Count; i++)
        {
            var mount = spec.Mounts[i];
            mounts.Add(mount.Type switch
            {
                MountType.Volume => VolumeMount(mount, EnsureVolume(planned[i]!)),
                MountType.Bind => new MountPoint { Type = MountType.Bind, Source = mount.Source, Destination = mount.Target, Mode = mount.Mode, RW = !mount.ReadOnly, Propagation = "rprivate" },
                _ => new MountPoint { Type = MountType.Tmpfs, Destination = mount.Target, Mode = mount.Mode, RW = !mount.ReadOnly },
            });
        }

        return mounts;
    }

    private static MountPoint VolumeMount(MountSpec mount, SimVolume volume) => new()
    {
        Type = MountType.Volume,
        Name = volume.Name,
        Source = volume.Mountpoint,
        Destination = mount.Target,
        Driver = volume.Driver,
        Mode = mount.Mode,
        RW = !mount.ReadOnly,
    };

    // Under the lock: after a container with --rm is removed, its anonymous volumes no other container mounts go too.
    private void RemoveAnonymousVolumes(SimContainer c)
    {
        foreach (var mount in c.Mounts.Where(m => m.Type == MountType.Volume))
        {
            if (_volumes.TryGetValue(mount.Name, out var volume) && volume.Anonymous && Users(volume.Name).Count == 0)
            {
                _volumes.Remove(volume.Name);
            }
        }
    }

    // Under the lock.
    private List<string> Users(string volume) =>
        [.. _containers.Values.Where(c => c.Mounts.Any(m => m.Type == MountType.Volume && m.Name == volume)).Select(c => c.Id)];

    // Under the lock.
    private SimVolume FindVolume(string name) => _volumes.TryGetValue(name, out var volume) ? volume : throw DockerVolumes.NotFound(name);

    // Under the lock.
    private VolumeRecord VolumeRecordOf(SimVolume v) => new()
    {
        Name = v.Name,
        Driver = v.Driver,
        Mountpoint = v.Mountpoint,
        Created = v.Created,
        Options = v.Options,
        Labels = v.Labels,
        Containers = Users(v.Name),
    };
}
