namespace Swarm.Backends.DockerServer.Wire;

/// <summary>The 201 of <c>POST /networks/create</c>.</summary>
internal sealed record NetworkCreateResponse(string Id, string Warning);
