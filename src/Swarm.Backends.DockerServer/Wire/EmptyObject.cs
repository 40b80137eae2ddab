namespace Swarm.Backends.DockerServer.Wire;

/// <summary>Docker's <c>{}</c> values (<c>ExposedPorts</c>, <c>Volumes</c>).</summary>
internal sealed record EmptyObject
{
    public static readonly EmptyObject Instance = new();
}
