using Swarm.Backends.DockerServer.Http;
using Swarm.Backends.DockerServer.Wire;
using Swarm.Core.Beam;
using Swarm.Core.Containers;

namespace Swarm.Backends.DockerServer.Routes;

/// <summary>
/// <c>POST /containers/{id}/wait</c>: the Wait verb is sent, then the 200 headers are flushed at once (the CLI sends
/// start only after they arrive), and the body follows when the condition holds.
/// </summary>
internal static class WaitRoute
{
    public static async Task WaitAsync(DockerCall call, string reference)
    {
        var condition = BeamWire.ParseCondition(Query.Get(call.Request, "condition"));
        var container = await call.Host.ResolveAsync(reference, call.Aborted).ConfigureAwait(false);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(call.Aborted, call.Stopping);

        // Sent before the headers: a start that follows them cannot beat the wait to the backend.
        var waiting = call.Host.WaitAsync(container, condition, linked.Token);
        await JsonResponse.StartStreamAsync(call.Response, JsonResponse.ContentType, call.Aborted).ConfigureAwait(false);
        WaitResponse answer;
        try
        {
            var result = await waiting.ConfigureAwait(false);
            answer = new WaitResponse(result.StatusCode, result.Error is { } error ? new WaitError(error) : null);
        }
        catch (BeamException ex)
        {
            answer = new WaitResponse(-1, new WaitError(ex.Message));
        }

        await JsonResponse.WriteLineAsync(call.Response.Body, answer, DockerJson.Default.WaitResponse, call.Aborted).ConfigureAwait(false);
    }
}
