namespace Swarm.Backends.DockerServer.Wire;

/// <summary>The part of a create body's <c>HostConfig</c> a backend can honour; the other ~60 keys are ignored.</summary>
internal sealed record CreateHostConfig
{
    public Dictionary<string, List<PortBinding>?>? PortBindings { get; init; }

    public bool AutoRemove { get; init; }

    public long Memory { get; init; }

    public long NanoCpus { get; init; }

    public string? NetworkMode { get; init; }
}
