using Swarm.Core.Beam;

namespace Swarm.Backends.DockerServer.Routes;

/// <summary>Docker routes this frontend knows but cannot serve: 501 with a sentence, or 404 where clients expect one.</summary>
internal static class Unsupported
{
    private const string NoProcesses = "Beam has no verb to run or observe processes inside a container";
    private const string NoRegistry = "images come from the backend's catalogue";

    public static Task ContainerFeatureAsync(string action) => throw BeamException.NotImplemented(action switch
    {
        "exec" => $"swarmd does not implement exec: {NoProcesses}",
        "top" or "stats" => $"swarmd does not implement {action}: {NoProcesses}",
        "changes" or "export" or "archive" => $"swarmd does not implement {action}: containers' filesystems are not reachable through Beam",
        "resize" or "update" => $"swarmd does not implement container {action}",
        _ => $"swarmd does not implement {action}",
    });

    public static Task ImageFeatureAsync(string feature) =>
        throw BeamException.NotImplemented($"swarmd does not implement {feature}: {NoRegistry}");

    public static Task FeatureAsync(string feature) =>
        throw BeamException.NotImplemented($"swarmd does not implement {feature}");

    /// <summary>
    /// Generic <c>docker inspect NAME</c> tries containers, images, then networks, volumes and plugins, and moves on
    /// only on a 404; this answers that with dockerd's message.
    /// </summary>
    public static Task NoSuchPluginAsync(string name) => throw BeamException.NotFound($"plugin \"{name}\" not found");
}
