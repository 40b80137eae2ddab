namespace Swarm.Backends.DockerServer.Wire;

/// <summary>Image inspect's <c>RootFS</c>.</summary>
internal sealed record RootFs
{
    public static readonly RootFs Empty = new();

    public string Type { get; init; } = "layers";

    public string[] Layers { get; init; } = [];
}
