namespace Swarm.Backends.DockerServer.Wire;

/// <summary>One <c>HostConfig.Mounts</c> entry of a create body (<c>--mount type=volume,src=data,dst=/data,ro</c>).</summary>
internal sealed record MountRequest
{
    public string? Type { get; init; }

    public string? Source { get; init; }

    public string? Target { get; init; }

    public bool ReadOnly { get; init; }

    public MountVolumeOptions? VolumeOptions { get; init; }
}

/// <summary>A volume mount's options: for a volume the mount creates, its labels and driver.</summary>
internal sealed record MountVolumeOptions
{
    public bool NoCopy { get; init; }

    public Dictionary<string, string>? Labels { get; init; }

    public MountDriverConfig? DriverConfig { get; init; }
}

/// <summary>A volume driver and its options.</summary>
internal sealed record MountDriverConfig
{
    public string? Name { get; init; }

    public Dictionary<string, string>? Options { get; init; }
}
