namespace Swarm.Backends.DockerServer.Wire;

/// <summary>A create body's <c>NetworkingConfig</c>: the endpoints by network name.</summary>
internal sealed record NetworkingConfig
{
    public Dictionary<string, EndpointConfigRequest?>? EndpointsConfig { get; init; }
}
