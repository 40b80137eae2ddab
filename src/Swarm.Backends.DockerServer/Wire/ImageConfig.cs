namespace Swarm.Backends.DockerServer.Wire;

/// <summary>Image inspect's <c>Config</c>.</summary>
internal sealed record ImageConfig
{
    public IReadOnlyList<string>? Cmd { get; init; }

    public IReadOnlyList<string>? Entrypoint { get; init; }

    public IReadOnlyList<string> Env { get; init; } = [];

    public IReadOnlyDictionary<string, string> Labels { get; init; } = Empty.Labels;
}
