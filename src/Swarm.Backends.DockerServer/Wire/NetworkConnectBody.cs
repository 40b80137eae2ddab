namespace Swarm.Backends.DockerServer.Wire;

/// <summary><c>POST /networks/{id}/connect</c>'s body.</summary>
internal sealed record NetworkConnectBody
{
    public string? Container { get; init; }

    public EndpointConfigRequest? EndpointConfig { get; init; }
}
