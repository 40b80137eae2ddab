namespace Swarm.Backends.DockerServer.Wire;

/// <summary><c>POST /networks/{id}/disconnect</c>'s body.</summary>
internal sealed record NetworkDisconnectBody
{
    public string? Container { get; init; }

    public bool Force { get; init; }
}
