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

    /// <summary>Ports to publish on the host.</summary>
    public IReadOnlyList<PortMapping> PortBindings { get; init; } = [];

    /// <summary>Remove the container when it exits.</summary>
    public bool AutoRemove { get; init; }

    /// <summary>Memory limit in bytes (0: none). The OpenStack backend picks the smallest flavor that fits.</summary>
    public long Memory { get; init; }

    /// <summary>CPU limit in billionths of a CPU (0: none).</summary>
    public long NanoCpus { get; init; }

    /// <summary>The host name inside the container, if set.</summary>
    public string? Hostname { get; init; }
}
