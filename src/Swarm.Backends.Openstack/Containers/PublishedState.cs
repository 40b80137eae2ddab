using System.Text.Json.Serialization;

namespace Swarm.Backends.Openstack.Containers;

/// <summary>
/// A container's ports as kept in its server's metadata (<c>swarm.pub</c>): what was exposed and asked for, and what
/// swarmd made for it in Neutron (the floating IP and how it got it, the security group, each port forwarding). Kept in
/// Nova, so whichever swarmd process removes the container removes exactly these.
/// </summary>
internal sealed record PublishedState
{
    /// <summary>The exposed ports, <c>80/tcp</c>.</summary>
    [JsonPropertyName("e")]
    public IReadOnlyList<string>? Exposed { get; init; }

    /// <summary><c>-P</c>.</summary>
    [JsonPropertyName("all")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public bool PublishAll { get; init; }

    /// <summary>The bindings as asked (<c>HostConfig.PortBindings</c>).</summary>
    [JsonPropertyName("b")]
    public IReadOnlyList<PortEntry>? Asked { get; init; }

    /// <summary>The floating IP the ports are forwarded on.</summary>
    [JsonPropertyName("f")]
    public string? FloatingIpId { get; init; }

    /// <summary>Its address.</summary>
    [JsonPropertyName("a")]
    public string? Address { get; init; }

    /// <summary>How the container has it: <see cref="Shared"/>, <see cref="Own"/> or <see cref="Given"/>.</summary>
    [JsonPropertyName("k")]
    public string? Kind { get; init; }

    /// <summary>The security group that opens the published ports on the container's port.</summary>
    [JsonPropertyName("g")]
    public string? SecurityGroupId { get; init; }

    /// <summary>The port forwardings made.</summary>
    [JsonPropertyName("w")]
    public IReadOnlyList<PortEntry>? Forwardings { get; init; }

    /// <summary>The floating IP swarmd shares among every container that publishes through one router; released with the last forwarding on it.</summary>
    public const string Shared = "shared";

    /// <summary>A floating IP swarmd allocated for this container alone (label <c>swarm.floating-ip=own</c>); released with it.</summary>
    public const string Own = "own";

    /// <summary>A floating IP of the project named in <c>-p ADDRESS:...</c>; never released by swarmd.</summary>
    public const string Given = "given";
}

/// <summary>A container port, its protocol, and the host port (asked, or forwarded), with the forwarding's id and the address asked.</summary>
internal sealed record PortEntry
{
    [JsonPropertyName("c")]
    public required int Container { get; init; }

    [JsonPropertyName("p")]
    public string Protocol { get; init; } = "tcp";

    [JsonPropertyName("h")]
    public int? Host { get; init; }

    [JsonPropertyName("ip")]
    public string? Ip { get; init; }

    [JsonPropertyName("i")]
    public string? ForwardingId { get; init; }
}
