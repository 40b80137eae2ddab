namespace Swarm.Backends.DockerServer.Wire;

/// <summary>A network's <c>ConfigFrom</c>: the config-only network it takes its settings from (swarm).</summary>
internal sealed record ConfigReference
{
    public static readonly ConfigReference None = new();

    public string Network { get; init; } = "";
}
