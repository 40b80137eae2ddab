using Microsoft.AspNetCore.Http;
using Swarm.Backends.DockerServer.Http;

namespace Swarm.Backends.DockerServer.Routes;

/// <summary>
/// The Docker routes by method and path (the version prefix already removed). A hand-written match: no routing
/// middleware, no per-request reflection. Unknown routes are dockerd's 404 <c>page not found</c>.
/// </summary>
internal static class RouteTable
{
    private static readonly string[] ContainerActions501 = ["exec", "top", "stats", "changes", "export", "archive", "resize", "update", "attach/ws", "copy"];

    public static Task DispatchAsync(DockerCall call, string path)
    {
        var method = call.Request.Method;
        var parts = path.Trim('/').Split('/');
        return parts[0] switch
        {
            "_ping" when parts.Length == 1 && (HttpMethods.IsGet(method) || HttpMethods.IsHead(method)) => SystemRoutes.PingAsync(call),
            "version" when parts.Length == 1 && HttpMethods.IsGet(method) => SystemRoutes.VersionAsync(call),
            "info" when parts.Length == 1 && HttpMethods.IsGet(method) => SystemRoutes.InfoAsync(call),
            "events" when parts.Length == 1 && HttpMethods.IsGet(method) => EventsRoute.EventsAsync(call),
            "containers" => Containers(call, method, parts),
            "images" => Images(call, method, parts),
            "exec" => Unsupported.ContainerFeatureAsync("exec"),
            "networks" => Networks(call, method, parts),
            "volumes" => Volumes(call, method, parts),
            "plugins" when parts.Length >= 2 && HttpMethods.IsGet(method) && parts[^1] is not ("json" or "privileges") || parts is ["plugins", _, "json"] =>
                Unsupported.NoSuchPluginAsync(DockerCall.Segment(parts, 1)),
            "build" or "commit" => Unsupported.ImageFeatureAsync(parts[0]),
            "plugins" or "swarm" or "nodes" or "services" or "tasks" or "secrets" or "configs"
                or "system" or "session" or "distribution" or "auth" or "grpc" => Unsupported.FeatureAsync(parts[0]),
            _ => NotFound(),
        };
    }

    public static Task NotFound() => throw new DockerHttpException(StatusCodes.Status404NotFound, "page not found");

    private static Task Containers(DockerCall call, string method, string[] parts)
    {
        if (parts.Length == 2)
        {
            return parts[1] switch
            {
                "json" when HttpMethods.IsGet(method) => ContainerListRoute.ListAsync(call),
                "create" when HttpMethods.IsPost(method) => ContainerCreateRoute.CreateAsync(call),
                "prune" when HttpMethods.IsPost(method) => Unsupported.FeatureAsync("container prune"),
                _ when HttpMethods.IsDelete(method) => ContainerRoutes.DeleteAsync(call, DockerCall.Segment(parts, 1)),
                _ => NotFound(),
            };
        }

        if (parts.Length < 3)
        {
            return NotFound();
        }

        var id = DockerCall.Segment(parts, 1);
        var action = parts.Length == 3 ? parts[2] : string.Join('/', parts[2..]);
        var get = HttpMethods.IsGet(method);
        var post = HttpMethods.IsPost(method);
        return action switch
        {
            "json" when get => ContainerRoutes.InspectAsync(call, id),
            "logs" when get => LogsRoute.LogsAsync(call, id),
            "start" when post => ContainerRoutes.StartAsync(call, id),
            "stop" when post => ContainerRoutes.StopAsync(call, id),
            "restart" when post => ContainerRoutes.RestartAsync(call, id),
            "kill" when post => ContainerRoutes.KillAsync(call, id),
            "pause" when post => ContainerRoutes.PauseAsync(call, id),
            "unpause" when post => ContainerRoutes.UnpauseAsync(call, id),
            "rename" when post => ContainerRoutes.RenameAsync(call, id),
            "wait" when post => WaitRoute.WaitAsync(call, id),
            "attach" when post => AttachRoute.AttachAsync(call, id),
            _ when ContainerActions501.Contains(action) => Unsupported.ContainerFeatureAsync(action),
            _ => NotFound(),
        };
    }

    private static Task Networks(DockerCall call, string method, string[] parts)
    {
        var get = HttpMethods.IsGet(method);
        var post = HttpMethods.IsPost(method);
        return parts switch
        {
            [_] when get => NetworkRoutes.ListAsync(call),
            [_, "create"] when post => NetworkRoutes.CreateAsync(call),
            [_, "prune"] when post => NetworkRoutes.PruneAsync(call),
            [_, _] when get => NetworkRoutes.InspectAsync(call, DockerCall.Segment(parts, 1)),
            [_, _] when HttpMethods.IsDelete(method) => NetworkRoutes.DeleteAsync(call, DockerCall.Segment(parts, 1)),
            [_, _, "connect"] when post => NetworkRoutes.ConnectAsync(call, DockerCall.Segment(parts, 1)),
            [_, _, "disconnect"] when post => NetworkRoutes.DisconnectAsync(call, DockerCall.Segment(parts, 1)),
            _ => NotFound(),
        };
    }

    private static Task Volumes(DockerCall call, string method, string[] parts)
    {
        var get = HttpMethods.IsGet(method);
        var post = HttpMethods.IsPost(method);
        return parts switch
        {
            [_] when get => VolumeRoutes.ListAsync(call),
            [_, "create"] when post => VolumeRoutes.CreateAsync(call),
            [_, "prune"] when post => VolumeRoutes.PruneAsync(call),
            [_, _] when get => VolumeRoutes.InspectAsync(call, DockerCall.Segment(parts, 1)),
            [_, _] when HttpMethods.IsDelete(method) => VolumeRoutes.DeleteAsync(call, DockerCall.Segment(parts, 1)),
            _ => NotFound(),
        };
    }

    private static Task Images(DockerCall call, string method, string[] parts)
    {
        if (parts.Length == 2)
        {
            return parts[1] switch
            {
                "json" when HttpMethods.IsGet(method) => ImageRoutes.ListAsync(call),
                "create" when HttpMethods.IsPost(method) => PullRoute.PullAsync(call),
                "search" or "get" or "load" or "prune" => Unsupported.ImageFeatureAsync($"image {parts[1]}"),
                _ when HttpMethods.IsDelete(method) => Unsupported.ImageFeatureAsync("image removal"),
                _ => NotFound(),
            };
        }

        if (parts.Length < 2)
        {
            return NotFound();
        }

        if (HttpMethods.IsDelete(method))
        {
            return Unsupported.ImageFeatureAsync("image removal");
        }

        var name = Uri.UnescapeDataString(string.Join('/', parts[1..^1]));
        return parts[^1] switch
        {
            "json" when HttpMethods.IsGet(method) => ImageRoutes.InspectAsync(call, name),
            "push" or "tag" or "history" or "get" => Unsupported.ImageFeatureAsync($"image {parts[^1]}"),
            _ => NotFound(),
        };
    }
}
