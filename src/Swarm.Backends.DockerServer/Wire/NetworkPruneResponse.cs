namespace Swarm.Backends.DockerServer.Wire;

/// <summary>The answer of <c>POST /networks/prune</c>: the names of the networks removed.</summary>
internal sealed record NetworkPruneResponse(IReadOnlyList<string> NetworksDeleted);
