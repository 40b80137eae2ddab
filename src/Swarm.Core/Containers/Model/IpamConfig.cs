namespace Swarm.Core.Containers;

/// <summary>One address pool of a network (Docker's <c>IPAMConfig</c>): empty strings for what is not set.</summary>
public sealed record IpamConfig
{
    /// <summary>The subnet in CIDR notation (<c>172.18.0.0/16</c>).</summary>
    public string Subnet { get; init; } = "";

    /// <summary>The part of the subnet containers get addresses from, in CIDR notation.</summary>
    public string IPRange { get; init; } = "";

    /// <summary>The gateway address.</summary>
    public string Gateway { get; init; } = "";

    /// <summary>Addresses kept out of allocation, by name.</summary>
    public IReadOnlyDictionary<string, string>? AuxAddresses { get; init; }
}
