namespace Swarm.Backends.DockerServer.Wire;

/// <summary>One entry of <c>/version</c>'s <c>Components</c> (its details are all strings, as in Go).</summary>
internal sealed record VersionComponent(string Name, string Version, IReadOnlyDictionary<string, string> Details);
