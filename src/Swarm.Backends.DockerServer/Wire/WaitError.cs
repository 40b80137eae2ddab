namespace Swarm.Backends.DockerServer.Wire;

/// <summary>Why a wait failed after its headers were sent.</summary>
internal sealed record WaitError(string Message);
