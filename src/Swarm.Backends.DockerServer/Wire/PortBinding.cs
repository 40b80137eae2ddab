namespace Swarm.Backends.DockerServer.Wire;

/// <summary>Where a container port is published: <c>{"HostIp":"0.0.0.0","HostPort":"8080"}</c> (the port is a string).</summary>
internal sealed record PortBinding
{
    public string? HostIp { get; init; }

    public string? HostPort { get; init; }
}
