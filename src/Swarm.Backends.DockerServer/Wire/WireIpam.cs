namespace Swarm.Backends.DockerServer.Wire;

/// <summary>Docker's <c>IPAM</c> object, in a create body and in a network's inspect.</summary>
internal sealed record WireIpam
{
    public string? Driver { get; init; }

    public IReadOnlyDictionary<string, string>? Options { get; init; }

    public IReadOnlyList<WireIpamConfig>? Config { get; init; }
}
