namespace Swarm.Backends.DockerServer.Wire;

/// <summary><c>POST /containers/create</c>'s 201 body: <c>{"Id":"..."}</c>, as in libswarm's documented example.</summary>
internal sealed record CreateResponse(string Id);
