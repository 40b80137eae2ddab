namespace Swarm.Core.Containers;

/// <summary>A container port and, when published, where on the host it is reachable.</summary>
public sealed record PortMapping(int PrivatePort, string Type = "tcp", int? PublicPort = null, string? Ip = null);
