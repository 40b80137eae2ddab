namespace Swarm.Core.Containers;

/// <summary>One mount of a container as its inspect shows it (<c>Mounts[]</c>).</summary>
public sealed record MountPoint
{
    /// <summary>What kind of mount.</summary>
    public MountType Type { get; init; } = MountType.Volume;

    /// <summary>The volume's name (empty for a bind or tmpfs).</summary>
    public string Name { get; init; } = "";

    /// <summary>Where the data is: a host path, or the Cinder volume's id on OpenStack.</summary>
    public string Source { get; init; } = "";

    /// <summary>The path inside the container.</summary>
    public required string Destination { get; init; }

    /// <summary>The volume's driver (empty for a bind or tmpfs).</summary>
    public string Driver { get; init; } = "";

    /// <summary>The options as written (<c>z</c>, <c>ro</c>), or empty.</summary>
    public string Mode { get; init; } = "";

    /// <summary>Writable.</summary>
    public bool RW { get; init; } = true;

    /// <summary>Bind propagation (empty for volumes).</summary>
    public string Propagation { get; init; } = "";
}
