namespace Swarm.Backends.DockerServer.Wire;

/// <summary><c>POST /volumes/prune</c>: the volumes removed (swarmd cannot tell the space they held: 0).</summary>
internal sealed record VolumePruneResponse(IReadOnlyList<string> VolumesDeleted, long SpaceReclaimed);
