using System.Text.Json.Serialization;

namespace Swarm.Backends.Openstack.Containers;

/// <summary>
/// One network a container is on through a port swarmd made, as kept in the server's metadata (<c>swarm.nets</c>):
/// which network, its Docker name, the port, and the aliases and addresses asked for. Kept in Nova, so any swarmd
/// process knows the container's endpoints, and its ports are found even before Nova has bound them.
/// </summary>
internal sealed record EndpointEntry
{
    [JsonPropertyName("n")]
    public required string NetworkId { get; init; }

    /// <summary>The network's name as Nova lists the server's addresses under it (the Neutron network's name).</summary>
    [JsonPropertyName("name")]
    public required string Name { get; init; }

    /// <summary>The Docker network's name when it is not <see cref="Name"/>: <c>bridge</c>, for a port swarmd made on the <c>--network</c> network.</summary>
    [JsonPropertyName("d")]
    public string? Docker { get; init; }

    [JsonPropertyName("p")]
    public required string PortId { get; init; }

    [JsonPropertyName("a")]
    public IReadOnlyList<string>? Aliases { get; init; }

    [JsonPropertyName("ip")]
    public string? IPv4 { get; init; }

    [JsonPropertyName("ip6")]
    public string? IPv6 { get; init; }
}
