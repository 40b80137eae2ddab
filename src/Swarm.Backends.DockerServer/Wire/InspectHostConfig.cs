namespace Swarm.Backends.DockerServer.Wire;

/// <summary>Inspect's <c>HostConfig</c>.</summary>
internal sealed record InspectHostConfig
{
    public LogConfig LogConfig { get; init; } = LogConfig.Default;

    public string NetworkMode { get; init; } = "default";

    public IReadOnlyDictionary<string, PortBinding[]>? PortBindings { get; init; }

    public RestartPolicy RestartPolicy { get; init; } = RestartPolicy.Default;

    public bool AutoRemove { get; init; }

    public bool PublishAllPorts { get; init; }

    /// <summary>The memory limit asked for, bytes (0: none).</summary>
    public long Memory { get; init; }

    /// <summary>The CPU limit asked for, billionths of a CPU (0: none).</summary>
    public long NanoCpus { get; init; }
}
