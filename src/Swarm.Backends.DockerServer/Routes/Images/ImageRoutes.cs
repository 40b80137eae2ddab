using Swarm.Backends.DockerServer.Http;
using Swarm.Backends.DockerServer.Wire;
using Swarm.Core.Containers;

namespace Swarm.Backends.DockerServer.Routes;

/// <summary><c>GET /images/json</c> and <c>GET /images/{name}/json</c>: the Images verb, listed or resolving one name.</summary>
internal static class ImageRoutes
{
    public static async Task ListAsync(DockerCall call)
    {
        var filters = Filters.Parse(Query.Get(call.Request, "filters")).Accept("reference", "dangling", "label", "before", "since", "until");
        var images = await call.Host.ListImagesAsync(call.Aborted).ConfigureAwait(false);
        var items = images
            .Where(i => filters.Match("reference", pattern => i.RepoTags.Any(tag => ImageReference.Matches(pattern, tag))))
            .Where(i => filters.Match("dangling", d => Query.IsFalse(d) == (i.RepoTags.Count > 0)))
            .Where(i => ContainerFilter.LabelsMatch(filters.Get("label"), i.Labels))
            .OrderByDescending(i => i.Created)
            .Select(i => new ImageSummary
            {
                Id = ImageReference.DockerId(i.Id),
                Created = i.Created.ToUnixTimeSeconds(),
                Labels = i.Labels,
                RepoTags = i.RepoTags,
                Size = i.Size,
            })
            .ToArray();
        await JsonResponse.WriteAsync(call.Response, 200, items, DockerJson.Default.ImageSummaryArray, call.Aborted).ConfigureAwait(false);
    }

    public static async Task InspectAsync(DockerCall call, string name)
    {
        var image = await call.Host.GetImageAsync(ImageReference.ForBackend(name), call.Aborted).ConfigureAwait(false);
        await JsonResponse.WriteAsync(call.Response, 200, Inspect(image), DockerJson.Default.ImageInspect, call.Aborted).ConfigureAwait(false);
    }

    private static ImageInspect Inspect(ImageRecord image) => new()
    {
        Id = ImageReference.DockerId(image.Id),
        RepoTags = image.RepoTags,
        Created = DockerText.Rfc3339(image.Created),
        Config = new ImageConfig { Cmd = image.Cmd.Count > 0 ? image.Cmd : null, Labels = image.Labels },
        Architecture = image.Architecture,
        Os = image.Os,
        Size = image.Size,
    };
}
