using Microsoft.AspNetCore.Connections;
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
    private readonly ResponseMemo _memo = new();

    public async Task HandleAsync(HttpContext http)
    {
        var path = http.Request.Path.Value ?? "/";
        if (logger.IsEnabled(LogLevel.Debug))
        {
            DockerServerLog.Request(logger, http.Request.Method, path);
        }

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

        var call = new DockerCall(http, version, host, time, http.RequestAborted, stopping, _memo);
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
            var clientLeft = http.RequestAborted.IsCancellationRequested;
            DockerServerLog.StreamEnded(logger, http.Request.Method, path, clientLeft ? "the client leaving" : "the server stopping");
            if (clientLeft)
            {
                // Closed rather than kept for another request: a body read cancelled half way leaves Kestrel unable
                // to drain the rest ("Reading is already in progress").
                http.Abort();
            }
            else
            {
                await FailAsync(http, StatusCodes.Status503ServiceUnavailable, "dockerserver is stopping").ConfigureAwait(false);
            }
        }
        catch (BadHttpRequestException ex)
        {
            // Kestrel found the request itself broken while we read it (a body shorter than its Content-Length, a
            // bad chunk, a body over the limit): the client's doing, answered if it still listens.
            DockerServerLog.ClientBrokeOff(logger, http.Request.Method, path, ex.Message);
            http.Response.Headers.Connection = "close";
            await FailAsync(http, ex.StatusCode, ClientError(ex)).ConfigureAwait(false);
        }
        catch (IOException ex) when (http.RequestAborted.IsCancellationRequested || http.Response.HasStarted || ex is ConnectionResetException)
        {
            // The connection broke (reset by the client, or while streaming): there is no one left to answer.
            DockerServerLog.ClientBrokeOff(logger, http.Request.Method, path, ex.Message);
            http.Abort();
        }
        catch (Exception ex)
        {
            DockerServerLog.RequestFailed(logger, ex, http.Request.Method, path);
            await FailAsync(http, StatusCodes.Status500InternalServerError, $"internal error in dockerserver: {ex.Message}").ConfigureAwait(false);
        }
    }

    private static string ClientError(BadHttpRequestException ex) => ex.StatusCode switch
    {
        StatusCodes.Status413PayloadTooLarge => $"request body is too large: the limit is {RequestBody.Limit / 1024 / 1024} MiB",
        _ when ex.Message.StartsWith("Unexpected end of request content", StringComparison.Ordinal) =>
            "the request body ended before its Content-Length",
        _ => $"bad request: {ex.Message}",
    };

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
