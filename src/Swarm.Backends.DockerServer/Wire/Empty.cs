namespace Swarm.Backends.DockerServer.Wire;

/// <summary>Shared empty values, so unchanging parts of responses are not allocated per request.</summary>
internal static class Empty
{
    public static readonly IReadOnlyDictionary<string, string> Labels = new Dictionary<string, string>();

    public static readonly IReadOnlyDictionary<string, EmptyObject> Objects = new Dictionary<string, EmptyObject>();
}
