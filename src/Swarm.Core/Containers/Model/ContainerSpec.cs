namespace Swarm.Core.Containers;

/// <summary>What to create: the part of Docker's create body a backend can honour.</summary>
public sealed record ContainerSpec
{
    /// <summary>The name, or null to let the backend choose one.</summary>
    public string? Name { get; init; }

    /// <summary>The image reference as the user wrote it (<c>cirros</c>, <c>cirros:latest</c>, an id).</summary>
    public required string Image { get; init; }

    /// <summary>The command.</summary>
    public IReadOnlyList<string> Cmd { get; init; } = [];

    /// <summary>The entrypoint.</summary>
    public IReadOnlyList<string> Entrypoint { get; init; } = [];

    /// <summary>Environment variables, <c>KEY=value</c>.</summary>
    public IReadOnlyList<string> Env { get; init; } = [];

    /// <summary>Labels.</summary>
    public IReadOnlyDictionary<string, string> Labels { get; init; } = new Dictionary<string, string>();

    /// <summary>Whether the container has a terminal.</summary>
    public bool Tty { get; init; }

    /// <summary>Whether stdin stays open.</summary>
    public bool OpenStdin { get; init; }

    /// <summary>Container ports to expose, <c>80/tcp</c>.</summary>
    public IReadOnlyList<string> ExposedPorts { get; init; } = [];

    /// <summary>
    /// Ports to publish on the host, as asked: a null <see cref="PortMapping.PublicPort"/> lets the backend choose a
    /// free one, a null <see cref="PortMapping.Ip"/> means every address (<c>0.0.0.0</c>).
    /// </summary>
    public IReadOnlyList<PortMapping> PortBindings { get; init; } = [];

    /// <summary>Publish every exposed port on a port the backend chooses (<c>-P</c>, <c>HostConfig.PublishAllPorts</c>).</summary>
    public bool PublishAllPorts { get; init; }

    /// <summary>Volumes, binds and tmpfs mounts, in the order asked (checked with <see cref="DockerVolumes.Validate"/>).</summary>
    public IReadOnlyList<MountSpec> Mounts { get; init; } = [];

    /// <summary>Remove the container when it exits.</summary>
    public bool AutoRemove { get; init; }

    /// <summary>Memory limit in bytes (0: none). The OpenStack backend picks the smallest flavor that fits.</summary>
    public long Memory { get; init; }

    /// <summary>CPU limit in billionths of a CPU (0: none).</summary>
    public long NanoCpus { get; init; }

    /// <summary>The host name inside the container, if set.</summary>
    public string? Hostname { get; init; }

    /// <summary>
    /// Docker's <c>HostConfig.NetworkMode</c> as asked: null or <c>default</c> for the host's default network,
    /// <c>bridge</c>, <c>none</c>, <c>host</c>, or the name of the first network in <see cref="Networks"/>.
    /// </summary>
    public string? NetworkMode { get; init; }

    /// <summary>
    /// The networks to join, the first one primary (the frontend puts a named <see cref="NetworkMode"/> first). Empty:
    /// the host's default network, unless <see cref="NetworkMode"/> is <c>none</c> or <c>host</c>.
    /// </summary>
    public IReadOnlyList<EndpointSpec> Networks { get; init; } = [];
}
