namespace Swarm.Core.Containers;

/// <summary>What to create (verb NetworkCreate): the part of Docker's <c>POST /networks/create</c> a backend honours.</summary>
public sealed record NetworkSpec
{
    /// <summary>The name; unique among the host's networks.</summary>
    public required string Name { get; init; }

    /// <summary>The driver as asked (<c>bridge</c> when empty).</summary>
    public string Driver { get; init; } = "";

    /// <summary>No route outside the network.</summary>
    public bool Internal { get; init; }

    /// <summary>Containers may be connected by hand (Docker's swarm flag, echoed).</summary>
    public bool Attachable { get; init; }

    /// <summary>Give members IPv6 addresses too.</summary>
    public bool EnableIPv6 { get; init; }

    /// <summary>Address management: subnets, gateways, ranges, as asked.</summary>
    public NetworkIpam Ipam { get; init; } = new();

    /// <summary>Driver options, echoed verbatim by inspect (compose compares them).</summary>
    public IReadOnlyDictionary<string, string> Options { get; init; } = new Dictionary<string, string>();

    /// <summary>Labels, echoed verbatim by inspect.</summary>
    public IReadOnlyDictionary<string, string> Labels { get; init; } = new Dictionary<string, string>();
}
