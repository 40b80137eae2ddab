using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Swarm.Backends.DockerServer.Routes;
using Swarm.Core.Beam;
using Swarm.Core.Containers;

namespace Swarm.Backends.DockerServer.Http;

/// <summary>
/// The one request handler: strips and checks the API version, dispatches the route, and turns every failure into
/// a Docker JSON error with its status (Beam kinds mapped by <see cref="ErrorStatus"/>); never an empty 200.
/// </summary>
internal sealed class DockerApi(ContainerHostClient host, ILogger logger, TimeProvider time, CancellationToken stopping)
{
    public async Task HandleAsync(HttpContext http)
    {
        var path = http.Request.Path.Value ?? "/";
        var version = ApiVersion.Max;
        if (ApiVersion.TrySplit(path, out var asked, out var rest))
        {
            if (ApiVersion.Reject(asked) is { } refusal)
            {
                await JsonResponse.ErrorAsync(http.Response, StatusCodes.Status400BadRequest, refusal, http.RequestAborted).ConfigureAwait(false);
                return;
            }

            version = asked;
            path = rest;
        }

        var call = new DockerCall(http, version, host, time, http.RequestAborted, stopping);
        try
        {
            await RouteTable.DispatchAsync(call, path).ConfigureAwait(false);
        }
        catch (DockerHttpException ex)
        {
            await FailAsync(http, ex.Status, ex.Message).ConfigureAwait(false);
        }
        catch (BeamException ex)
        {
            if (ex.Kind == BeamErrorKind.Internal)
            {
                DockerServerLog.RequestFailed(logger, ex, http.Request.Method, path);
            }

            await FailAsync(http, ErrorStatus.Of(ex.Kind), ex.Message).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (http.RequestAborted.IsCancellationRequested || stopping.IsCancellationRequested)
        {
            // The client left, or the server is stopping: a stream ends here.
            if (!http.RequestAborted.IsCancellationRequested)
            {
                await FailAsync(http, StatusCodes.Status503ServiceUnavailable, "dockerserver is stopping").ConfigureAwait(false);
            }
        }
        catch (IOException) when (http.RequestAborted.IsCancellationRequested || http.Response.HasStarted)
        {
            // The connection broke while streaming.
        }
        catch (Exception ex)
        {
            DockerServerLog.RequestFailed(logger, ex, http.Request.Method, path);
            await FailAsync(http, StatusCodes.Status500InternalServerError, $"internal error in dockerserver: {ex.Message}").ConfigureAwait(false);
        }
    }

    private static async Task FailAsync(HttpContext http, int status, string message)
    {
        if (http.Response.HasStarted)
        {
            // Too late for a status: cut the stream so the client sees it broke rather than a clean end.
            http.Abort();
            return;
        }

        http.Response.Headers.Clear();
        await JsonResponse.ErrorAsync(http.Response, status, message, http.RequestAborted).ConfigureAwait(false);
    }
}
