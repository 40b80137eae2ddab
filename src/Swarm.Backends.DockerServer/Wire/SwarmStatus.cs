namespace Swarm.Backends.DockerServer.Wire;

/// <summary><c>/info</c>'s <c>Swarm</c> (Docker swarm mode, which this server does not run).</summary>
internal sealed record SwarmStatus
{
    public static readonly SwarmStatus Inactive = new();

    public string NodeID { get; init; } = "";

    public string NodeAddr { get; init; } = "";

    public string LocalNodeState { get; init; } = "inactive";

    public bool ControlAvailable { get; init; }

    public string Error { get; init; } = "";
}
