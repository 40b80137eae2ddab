namespace Swarm.Core.Containers;

/// <summary>
/// The volumes role: Docker volumes and the containers that mount them. A backend with this role also honours the
/// volume mounts of <see cref="ContainerSpec.Mounts"/> at create (a named volume that does not exist is created, as
/// dockerd does; an empty source is a new anonymous volume) and reports them in <see cref="ContainerRecord.Mounts"/>;
/// a container created with <see cref="ContainerSpec.AutoRemove"/> takes its anonymous volumes with it. Check requests
/// with <see cref="DockerVolumes"/> so bad ones are refused with dockerd's messages.
/// </summary>
public interface IVolumeHost
{
    /// <summary>Every volume (verb Volumes with no name).</summary>
    Task<IReadOnlyList<VolumeRecord>> ListVolumesAsync(CancellationToken cancellationToken);

    /// <summary>A volume by name (verb Volumes with a name); not found otherwise (<c>get X: no such volume</c>).</summary>
    Task<VolumeRecord> GetVolumeAsync(string name, CancellationToken cancellationToken);

    /// <summary>
    /// Creates a volume (verb VolumeCreate). A name already in use answers that volume, as dockerd does, unless it was
    /// asked with another driver (a conflict).
    /// </summary>
    Task<VolumeRecord> CreateVolumeAsync(VolumeSpec spec, CancellationToken cancellationToken);

    /// <summary>
    /// Removes a volume (verb VolumeDelete): a conflict while a container mounts it (<c>volume is in use</c>), even with
    /// <paramref name="force"/>; not found when there is no such volume.
    /// </summary>
    Task DeleteVolumeAsync(string name, bool force, CancellationToken cancellationToken);
}
