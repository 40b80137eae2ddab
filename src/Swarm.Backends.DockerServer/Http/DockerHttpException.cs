namespace Swarm.Backends.DockerServer.Http;

/// <summary>A request the frontend itself refuses (a bad parameter or body): answered with its status and message.</summary>
internal sealed class DockerHttpException(int status, string message) : Exception(message)
{
    public int Status { get; } = status;

    public static DockerHttpException BadRequest(string message) => new(400, message);
}
