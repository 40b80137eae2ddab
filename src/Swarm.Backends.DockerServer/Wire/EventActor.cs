namespace Swarm.Backends.DockerServer.Wire;

/// <summary>An event's <c>Actor</c>.</summary>
internal sealed record EventActor(string ID, IReadOnlyDictionary<string, string> Attributes);
