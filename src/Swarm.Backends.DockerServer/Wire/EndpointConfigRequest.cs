namespace Swarm.Backends.DockerServer.Wire;

/// <summary>An endpoint's settings as a client asks for them (create's <c>EndpointsConfig[net]</c>, connect's <c>EndpointConfig</c>).</summary>
internal sealed record EndpointConfigRequest
{
    public EndpointIpamConfig? IPAMConfig { get; init; }

    public List<string>? Aliases { get; init; }
}
