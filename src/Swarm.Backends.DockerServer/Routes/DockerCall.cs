using Microsoft.AspNetCore.Http;
using Swarm.Backends.DockerServer.Http;
using Swarm.Core.Containers;

namespace Swarm.Backends.DockerServer.Routes;

/// <summary>One request being served: the HTTP exchange, the API version it asked for and the backend to ask.</summary>
/// <param name="Http">The exchange.</param>
/// <param name="Version">The negotiated API version (the newest when the path had none).</param>
/// <param name="Host">The next backend.</param>
/// <param name="Time">The clock for relative times.</param>
/// <param name="Aborted">Fires when the client goes away.</param>
/// <param name="Stopping">Fires when the server stops: long streams end on it.</param>
/// <param name="Memo">Bodies rendered before, for routes whose answer is a pure function of what the backend answered.</param>
internal readonly record struct DockerCall(
    HttpContext Http,
    string Version,
    ContainerHostClient Host,
    TimeProvider Time,
    CancellationToken Aborted,
    CancellationToken Stopping,
    ResponseMemo Memo)
{
    public HttpRequest Request => Http.Request;

    public HttpResponse Response => Http.Response;

    /// <summary>The path parameter at <paramref name="index"/> of the split path.</summary>
    public static string Segment(string[] parts, int index) => Uri.UnescapeDataString(parts[index]);

    /// <summary>Answers 204 No Content.</summary>
    public Task NoContentAsync()
    {
        Response.StatusCode = StatusCodes.Status204NoContent;
        return Task.CompletedTask;
    }
}
