using Swarm.Backends.DockerServer.Http;
using Swarm.Backends.DockerServer.Wire;
using Swarm.Core.Beam;

namespace Swarm.Backends.DockerServer.Routes;

/// <summary>
/// <c>POST /images/create?fromImage=&amp;tag=</c>: a backend has a catalogue, not a registry, so a pull resolves the
/// reference against it (404 before the stream when unknown) and reports the image as up to date.
/// </summary>
internal static class PullRoute
{
    public static async Task PullAsync(DockerCall call)
    {
        var request = call.Request;
        if (Query.Get(request, "fromSrc") is not null)
        {
            throw BeamException.NotImplemented("swarmd does not implement image import (fromSrc): images come from the backend's catalogue");
        }

        var from = Query.Get(request, "fromImage")
            ?? throw DockerHttpException.BadRequest("pull needs an image: POST /images/create?fromImage=NAME&tag=TAG");
        var familiar = ImageReference.Familiar(from);
        var (repository, tag) = ImageReference.Split(familiar);
        if (Query.Get(request, "tag") is { } queryTag && tag == "latest" && !familiar.EndsWith(":latest", StringComparison.Ordinal))
        {
            tag = queryTag;
        }

        var reference = tag.Contains(':', StringComparison.Ordinal) ? $"{repository}@{tag}" : $"{repository}:{tag}";
        var image = await call.Host.GetImageAsync(reference, call.Aborted).ConfigureAwait(false);

        await JsonResponse.StartStreamAsync(call.Response, JsonResponse.ContentType, call.Aborted).ConfigureAwait(false);
        var body = call.Response.Body;
        var path = repository.Contains('/', StringComparison.Ordinal) ? repository : "library/" + repository;
        await Line(body, new PullProgress($"Pulling from {path}", tag), call.Aborted).ConfigureAwait(false);
        if (image.Id.StartsWith("sha256:", StringComparison.Ordinal))
        {
            await Line(body, new PullProgress("Digest: " + image.Id), call.Aborted).ConfigureAwait(false);
        }

        await Line(body, new PullProgress($"Status: Image is up to date for {reference}"), call.Aborted).ConfigureAwait(false);
    }

    private static Task Line(Stream body, PullProgress line, CancellationToken cancellationToken) =>
        JsonResponse.WriteLineAsync(body, line, DockerJson.Default.PullProgress, cancellationToken);
}
