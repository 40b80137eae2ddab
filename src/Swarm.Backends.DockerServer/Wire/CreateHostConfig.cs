namespace Swarm.Backends.DockerServer.Wire;

/// <summary>The part of a create body's <c>HostConfig</c> a backend can honour; the other ~60 keys are ignored.</summary>
internal sealed record CreateHostConfig
{
    public Dictionary<string, List<PortBinding>?>? PortBindings { get; init; }

    public bool AutoRemove { get; init; }

    public long Memory { get; init; }

    public long NanoCpus { get; init; }

    public string? NetworkMode { get; init; }

    public bool PublishAllPorts { get; init; }

    /// <summary><c>-v SRC:DST[:MODE]</c>: a volume by name, or a host path.</summary>
    public List<string>? Binds { get; init; }

    /// <summary><c>--mount</c>.</summary>
    public List<MountRequest>? Mounts { get; init; }

    /// <summary><c>--tmpfs PATH[:OPTIONS]</c>: path to options.</summary>
    public Dictionary<string, string>? Tmpfs { get; init; }

    public List<string>? VolumesFrom { get; init; }

    /// <summary>The driver of the volumes <c>Binds</c> creates.</summary>
    public string? VolumeDriver { get; init; }
}
