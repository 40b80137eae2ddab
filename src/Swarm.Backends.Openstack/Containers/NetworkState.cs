using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using Swarm.Core.Containers;

namespace Swarm.Backends.Openstack.Containers;

/// <summary>
/// What swarmd keeps about a Docker network in its Neutron network, so that any swarmd process sees the same network:
/// the marker tag <c>swarm.managed</c>, and the Docker settings (driver, options, IPAM as asked, internal, IPv6,
/// attachable, labels, the security group it made) as one JSON document cut into tags <c>swarm.s.NN:...</c>. Neutron
/// tags hold at most 60 characters, so a label longer than that (compose's 64-character config hash) is kept whole
/// across tags instead of being cut or hashed.
/// </summary>
internal sealed record NetworkState
{
    /// <summary>The tag on every network swarmd made (added last: a half-made network is never listed).</summary>
    public const string ManagedTag = "swarm.managed";

    /// <summary>The longest tag Neutron stores.</summary>
    public const int MaxTagLength = 60;

    private const string ChunkPrefix = "swarm.s.";
    private const int ChunkLength = MaxTagLength - 11;

    [JsonPropertyName("driver")]
    public string Driver { get; init; } = "bridge";

    [JsonPropertyName("internal")]
    public bool Internal { get; init; }

    [JsonPropertyName("attachable")]
    public bool Attachable { get; init; }

    [JsonPropertyName("ipv6")]
    public bool EnableIPv6 { get; init; }

    [JsonPropertyName("ipamDriver")]
    public string IpamDriver { get; init; } = DockerNetworks.DefaultIpamDriver;

    [JsonPropertyName("ipamOptions")]
    public Dictionary<string, string>? IpamOptions { get; init; }

    [JsonPropertyName("pools")]
    public List<StoredPool> Pools { get; init; } = [];

    [JsonPropertyName("userSubnet")]
    public bool UserSubnet { get; init; }

    [JsonPropertyName("options")]
    public Dictionary<string, string> Options { get; init; } = [];

    [JsonPropertyName("labels")]
    public Dictionary<string, string> Labels { get; init; } = [];

    [JsonPropertyName("securityGroup")]
    public string? SecurityGroupId { get; init; }

    /// <summary>True when the tags mark a network swarmd made.</summary>
    public static bool IsManaged(IReadOnlyList<string> tags) => tags.Contains(ManagedTag);

    /// <summary>The state of a create: the spec with its pools completed.</summary>
    public static NetworkState Of(NetworkSpec spec, IReadOnlyList<IpamConfig> pools, string securityGroupId)
    {
        ArgumentNullException.ThrowIfNull(spec);
        return new NetworkState
        {
            Driver = spec.Driver is { Length: > 0 } driver ? driver : "bridge",
            Internal = spec.Internal,
            Attachable = spec.Attachable,
            EnableIPv6 = spec.EnableIPv6,
            IpamDriver = spec.Ipam.Driver is { Length: > 0 } ipam ? ipam : DockerNetworks.DefaultIpamDriver,
            IpamOptions = spec.Ipam.Options is null ? null : new Dictionary<string, string>(spec.Ipam.Options, StringComparer.Ordinal),
            Pools = [.. pools.Select(p => new StoredPool
            {
                Subnet = p.Subnet,
                IPRange = p.IPRange.Length > 0 ? p.IPRange : null,
                Gateway = p.Gateway.Length > 0 ? p.Gateway : null,
                AuxAddresses = p.AuxAddresses is { Count: > 0 } aux ? new Dictionary<string, string>(aux, StringComparer.Ordinal) : null,
            })],
            UserSubnet = spec.Ipam.Config.Any(c => Cidr.TryParse(c.Subnet, out var s) && !s.IsIPv6),
            Options = new Dictionary<string, string>(spec.Options, StringComparer.Ordinal),
            Labels = new Dictionary<string, string>(spec.Labels, StringComparer.Ordinal),
            SecurityGroupId = securityGroupId,
        };
    }

    /// <summary>The tags that carry this state: the marker and the numbered chunks of the document.</summary>
    public IReadOnlyList<string> ToTags()
    {
        var json = JsonSerializer.Serialize(this, OpenstackJson.Default.NetworkState);
        var chunks = (json.Length + ChunkLength - 1) / ChunkLength;
        if (chunks > 100)
        {
            throw Swarm.Core.Beam.BeamException.Invalid(
                $"this network's settings (labels, options, pools) take {json.Length} characters; swarmd keeps at most {100 * ChunkLength} in Neutron tags");
        }

        return [ManagedTag, .. Enumerable.Range(0, chunks).Select(i =>
            $"{ChunkPrefix}{i.ToString("D2", CultureInfo.InvariantCulture)}:{json.Substring(i * ChunkLength, Math.Min(ChunkLength, json.Length - (i * ChunkLength)))}")];
    }

    /// <summary>The state a network's tags carry, or null when they carry none (or a damaged one).</summary>
    public static NetworkState? FromTags(IReadOnlyList<string> tags)
    {
        ArgumentNullException.ThrowIfNull(tags);
        var json = string.Concat(tags
            .Where(t => t.StartsWith(ChunkPrefix, StringComparison.Ordinal) && t.Length > ChunkPrefix.Length + 3 && t[ChunkPrefix.Length + 2] == ':')
            .OrderBy(t => t.AsSpan(ChunkPrefix.Length, 2).ToString(), StringComparer.Ordinal)
            .Select(t => t[(ChunkPrefix.Length + 3)..]));
        if (json.Length == 0)
        {
            return null;
        }

        try
        {
            return JsonSerializer.Deserialize(json, OpenstackJson.Default.NetworkState);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>The pools as Docker shows them.</summary>
    public IReadOnlyList<IpamConfig> IpamConfig() =>
        [.. Pools.Select(p => new IpamConfig { Subnet = p.Subnet, IPRange = p.IPRange ?? "", Gateway = p.Gateway ?? "", AuxAddresses = p.AuxAddresses })];
}

/// <summary>One address pool as stored.</summary>
internal sealed record StoredPool
{
    [JsonPropertyName("subnet")]
    public required string Subnet { get; init; }

    [JsonPropertyName("range")]
    public string? IPRange { get; init; }

    [JsonPropertyName("gateway")]
    public string? Gateway { get; init; }

    [JsonPropertyName("aux")]
    public Dictionary<string, string>? AuxAddresses { get; init; }
}
