namespace Swarm.Backends.DockerServer.Wire;

/// <summary>A list item's <c>NetworkSettings</c>: the container's endpoints by network.</summary>
internal sealed record SummaryNetworkSettings
{
    public static readonly SummaryNetworkSettings Default = new();

    public IReadOnlyDictionary<string, EndpointSettings> Networks { get; init; } = new Dictionary<string, EndpointSettings>();
}
