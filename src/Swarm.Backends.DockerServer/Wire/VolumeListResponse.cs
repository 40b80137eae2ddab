namespace Swarm.Backends.DockerServer.Wire;

/// <summary><c>GET /volumes</c>.</summary>
internal sealed record VolumeListResponse(VolumeResource[] Volumes, string[] Warnings);
