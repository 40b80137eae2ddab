namespace Swarm.Core.Containers;

/// <summary>
/// One mount a container asks for at create: <c>-v NAME:/path[:ro]</c>, <c>-v /path</c> (an anonymous volume),
/// <c>--mount type=...</c>, <c>-v /host:/path</c> (a bind) or <c>--tmpfs /path</c>.
/// </summary>
public sealed record MountSpec
{
    /// <summary>What kind of mount.</summary>
    public MountType Type { get; init; } = MountType.Volume;

    /// <summary>A volume's name (empty: a new anonymous volume), or a bind's host path; empty for tmpfs.</summary>
    public string Source { get; init; } = "";

    /// <summary>The absolute path inside the container.</summary>
    public required string Target { get; init; }

    /// <summary>Mounted read-only.</summary>
    public bool ReadOnly { get; init; }

    /// <summary>The options as written after the second colon of <c>-v</c> (<c>ro</c>, <c>z</c>, ...), shown as inspect's <c>Mode</c>.</summary>
    public string Mode { get; init; } = "";

    /// <summary>For a volume created by this mount (<c>--mount volume-driver=,volume-opt=,volume-label=</c>): its driver.</summary>
    public string VolumeDriver { get; init; } = "";

    /// <summary>For a volume created by this mount: its driver options.</summary>
    public IReadOnlyDictionary<string, string> VolumeOptions { get; init; } = new Dictionary<string, string>();

    /// <summary>For a volume created by this mount: its labels.</summary>
    public IReadOnlyDictionary<string, string> VolumeLabels { get; init; } = new Dictionary<string, string>();
}
