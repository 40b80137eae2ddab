namespace Swarm.Core.Containers;

/// <summary>Docker's mount types.</summary>
public enum MountType
{
    /// <summary>A named or anonymous volume.</summary>
    Volume,

    /// <summary>A path of the Docker host.</summary>
    Bind,

    /// <summary>A memory file system.</summary>
    Tmpfs,
}
