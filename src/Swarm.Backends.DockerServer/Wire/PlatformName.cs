namespace Swarm.Backends.DockerServer.Wire;

/// <summary><c>/version</c>'s <c>Platform</c>: the CLI prints it after "Server:".</summary>
internal sealed record PlatformName(string Name);
