namespace Swarm.Backends.DockerServer.Wire;

/// <summary><c>POST /containers/{id}/wait</c>: the CLI exits with <c>StatusCode</c> (an integer).</summary>
internal sealed record WaitResponse(long StatusCode, WaitError? Error);
