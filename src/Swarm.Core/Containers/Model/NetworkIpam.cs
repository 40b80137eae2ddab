namespace Swarm.Core.Containers;

/// <summary>A network's address management, as Docker's <c>IPAM</c> object: asked at create, shown by inspect.</summary>
public sealed record NetworkIpam
{
    /// <summary>The IPAM driver (<c>default</c> when empty).</summary>
    public string Driver { get; init; } = "";

    /// <summary>The address pools: what was asked at create; in a record, each with the subnet and gateway in use.</summary>
    public IReadOnlyList<IpamConfig> Config { get; init; } = [];

    /// <summary>IPAM driver options, or null when none were given (Docker shows null).</summary>
    public IReadOnlyDictionary<string, string>? Options { get; init; }
}
