namespace Swarm.Backends.DockerServer.Wire;

/// <summary>A list item's <c>NetworkSettings</c>: no networks, as the backends have none to report.</summary>
internal sealed record SummaryNetworkSettings
{
    public static readonly SummaryNetworkSettings Default = new();

    public IReadOnlyDictionary<string, EmptyObject> Networks { get; init; } = Empty.Objects;
}
