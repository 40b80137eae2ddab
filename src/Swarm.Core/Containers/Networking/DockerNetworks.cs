using System.Net;
using System.Security.Cryptography;
using Swarm.Core.Beam;

namespace Swarm.Core.Containers;

/// <summary>
/// Docker's network rules in one place for every backend: the predefined networks, the checks of a create with
/// dockerd's messages (<c>invalid network config: ...</c>), the default address pools, and the errors a network
/// verb answers with. Backends call these so that a bad request is refused the same way everywhere.
/// </summary>
public static class DockerNetworks
{
    /// <summary>The default network of a Docker host.</summary>
    public const string Bridge = "bridge";

    /// <summary>The host's own network stack.</summary>
    public const string Host = "host";

    /// <summary>No network at all.</summary>
    public const string None = "none";

    /// <summary>What <c>HostConfig.NetworkMode</c> says when the client left the choice to the host.</summary>
    public const string Default = "default";

    /// <summary>The IPAM driver's name when none is asked.</summary>
    public const string DefaultIpamDriver = "default";

    // dockerd's default address pools: 172.17-31.0.0/16 (172.17 is its bridge's), then 192.168.0.0/16 in /20s.
    private static readonly Cidr[] Pools =
    [
        .. Enumerable.Range(18, 14).Select(n => Cidr.Parse($"172.{n}.0.0/16")),
        .. Enumerable.Range(0, 16).Select(n => Cidr.Parse($"192.168.{n * 16}.0/20")),
    ];

    /// <summary>True for <c>bridge</c>, <c>host</c>, <c>none</c> and <c>default</c>.</summary>
    public static bool IsPredefined(string name) => name is Bridge or Host or None or Default;

    /// <summary>True when a network mode names the host's default network (null, empty, <c>default</c>, <c>bridge</c>).</summary>
    public static bool IsDefaultMode(string? mode) => mode is null or "" or Default or Bridge;

    /// <summary>The not-found error of a network reference, as dockerd words it.</summary>
    public static BeamException NotFound(string reference) => BeamException.NotFound($"network {reference} not found");

    /// <summary>The error of a create whose name is taken.</summary>
    public static BeamException NameInUse(string name) => BeamException.Conflict($"network with name {name} already exists");

    /// <summary>The error of a remove of a network containers are still on.</summary>
    public static BeamException InUse(string name, NetworkAttachment first) => BeamException.Conflict(
        $"error while removing network: network {name} has active endpoints (name:\"{first.Name}\" id:\"{Short(first.ContainerId)}\")");

    /// <summary>The error of a remove of a predefined network.</summary>
    public static BeamException PredefinedCannotBeRemoved(string name) => BeamException.Conflict($"{name} is a pre-defined network and cannot be removed");

    /// <summary>The error of a connect to a network the container is on already.</summary>
    public static BeamException AlreadyConnected(string container, string network) =>
        BeamException.Conflict($"endpoint with name {container} already exists in network {network}");

    /// <summary>The error of a disconnect from a network the container is not on.</summary>
    public static BeamException NotConnected(string containerId, string network) =>
        BeamException.Conflict($"container {containerId} is not connected to network {network}");

    /// <summary>The error of a user-chosen address on a network whose subnet the user did not choose.</summary>
    public static BeamException StaticAddressNeedsUserSubnet(string network) => BeamException.Invalid(network == Bridge
        ? "user specified IP address is supported on user defined networks only"
        : "user specified IP address is supported only when connecting to networks with user configured subnets");

    /// <summary>The error of aliases on the default network.</summary>
    public static BeamException AliasesNeedUserNetwork() =>
        BeamException.Invalid("network-scoped alias is supported only for containers in user defined networks");

    /// <summary>The first twelve characters of an id, as Docker shows it.</summary>
    public static string Short(string id)
    {
        ArgumentNullException.ThrowIfNull(id);
        return id.Length > 12 ? id[..12] : id;
    }

    /// <summary>
    /// Checks a create as dockerd does: a name, not a predefined one, and every pool well formed (a CIDR subnet with
    /// no host bits, an IP range inside it, a gateway and auxiliary addresses inside it). Invalid with dockerd's
    /// message otherwise.
    /// </summary>
    public static void Validate(NetworkSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        if (string.IsNullOrWhiteSpace(spec.Name))
        {
            throw BeamException.Invalid("network name must not be empty");
        }

        if (IsPredefined(spec.Name))
        {
            throw BeamException.Invalid($"operation is not permitted on predefined {spec.Name} network");
        }

        var errors = new List<string>();
        foreach (var config in spec.Ipam.Config)
        {
            if (!Cidr.TryParse(config.Subnet, out var subnet))
            {
                errors.Add($"invalid subnet {config.Subnet}: invalid CIDR block notation");
                continue;
            }

            if (subnet.IsIPv6 && !spec.EnableIPv6)
            {
                errors.Add($"invalid subnet {config.Subnet}: IPv6 subnets need --ipv6 (EnableIPv6)");
                continue;
            }

            if (!subnet.IsCanonical)
            {
                errors.Add($"invalid subnet {subnet}: it should be {subnet.Masked}");
            }

            errors.AddRange(RangeErrors(config.IPRange, subnet));
            if (AddressError(config.Gateway, subnet) is { } gateway)
            {
                errors.Add($"invalid gateway {config.Gateway}: {gateway}");
            }

            foreach (var (name, aux) in config.AuxAddresses ?? new Dictionary<string, string>())
            {
                if (AddressError(aux, subnet) is { } error)
                {
                    errors.Add($"invalid auxiliary address {name}: {error}");
                }
            }
        }

        if (errors.Count > 0)
        {
            throw BeamException.Invalid("invalid network config:\n" + string.Join('\n', errors));
        }

        var subnets = spec.Ipam.Config.Select(c => Cidr.Parse(c.Subnet)).ToList();
        for (var i = 0; i < subnets.Count; i++)
        {
            for (var j = i + 1; j < subnets.Count; j++)
            {
                if (subnets[i].Overlaps(subnets[j]))
                {
                    throw PoolOverlap();
                }
            }
        }
    }

    /// <summary>The error of a subnet that overlaps one in use, as dockerd words it.</summary>
    public static BeamException PoolOverlap() => BeamException.Invalid("invalid pool request: Pool overlaps with other one on this address space");

    /// <summary>Refuses a subnet of <paramref name="spec"/> that overlaps one of <paramref name="inUse"/>.</summary>
    public static void EnsureNoOverlap(NetworkSpec spec, IEnumerable<Cidr> inUse)
    {
        ArgumentNullException.ThrowIfNull(spec);
        var used = inUse.ToList();
        if (spec.Ipam.Config.Select(c => Cidr.Parse(c.Subnet)).Any(s => used.Exists(u => u.Overlaps(s))))
        {
            throw PoolOverlap();
        }
    }

    /// <summary>The first of dockerd's default IPv4 pools that overlaps nothing in <paramref name="inUse"/>.</summary>
    public static Cidr NextFreePool(IEnumerable<Cidr> inUse)
    {
        var used = inUse.ToList();
        foreach (var pool in Pools)
        {
            if (!used.Exists(u => u.Overlaps(pool)))
            {
                return pool;
            }
        }

        throw BeamException.Unavailable("could not find an available, non-overlapping IPv4 address pool among the defaults to assign to the network");
    }

    /// <summary>A random unique-local IPv6 /64 (<c>fdXX:XXXX:XXXX::/64</c>), as dockerd gives an IPv6 network without a subnet.</summary>
    public static Cidr RandomUniqueLocal()
    {
        var bytes = new byte[16];
        bytes[0] = 0xfd;
        RandomNumberGenerator.Fill(bytes.AsSpan(1, 5));
        return new Cidr(new IPAddress(bytes), 64);
    }

    /// <summary>
    /// The pools of a create with what is left to choose chosen: a subnet from the default pools (avoiding
    /// <paramref name="inUse"/>) when IPv4 has none, an IPv6 /64 when IPv6 is on without one, and the first host
    /// as gateway where none was asked. The IP range, auxiliary addresses and options stay as asked.
    /// </summary>
    public static IReadOnlyList<IpamConfig> Complete(NetworkSpec spec, IEnumerable<Cidr> inUse)
    {
        ArgumentNullException.ThrowIfNull(spec);
        var configs = spec.Ipam.Config.ToList();
        if (!configs.Exists(c => !Cidr.Parse(c.Subnet).IsIPv6))
        {
            configs.Insert(0, new IpamConfig { Subnet = NextFreePool(inUse).ToString() });
        }

        if (spec.EnableIPv6 && !configs.Exists(c => Cidr.Parse(c.Subnet).IsIPv6))
        {
            configs.Add(new IpamConfig { Subnet = RandomUniqueLocal().ToString() });
        }

        return [.. configs.Select(c => c.Gateway.Length > 0 ? c : c with { Gateway = Cidr.Parse(c.Subnet).At(1).ToString() })];
    }

    /// <summary>Checks an address asked for on a subnet: well formed, inside it, not its gateway.</summary>
    public static IPAddress RequestedAddress(string requested, IpamConfig pool)
    {
        ArgumentNullException.ThrowIfNull(pool);
        if (!Cidr.TryParseAddress(requested, out var address))
        {
            throw BeamException.Invalid($"invalid IP address: {requested}");
        }

        var subnet = Cidr.Parse(pool.Subnet);
        if (!subnet.Contains(address))
        {
            throw BeamException.Invalid($"no configured subnet contains IP address {requested}");
        }

        if (pool.Gateway == address.ToString())
        {
            throw BeamException.Conflict($"Address already in use: {requested} is the gateway of {pool.Subnet}");
        }

        return address;
    }

    private static IEnumerable<string> RangeErrors(string range, Cidr subnet)
    {
        if (string.IsNullOrEmpty(range))
        {
            yield break;
        }

        if (!Cidr.TryParse(range, out var block))
        {
            yield return $"invalid ip-range {range}: invalid CIDR block notation";
            yield break;
        }

        if (block.IsIPv6 != subnet.IsIPv6)
        {
            yield return $"invalid ip-range {range}: parent subnet is an {subnet.Family} block";
            yield break;
        }

        if (block.PrefixLength < subnet.PrefixLength)
        {
            yield return $"invalid ip-range {range}: CIDR block is bigger than its parent subnet {subnet}";
        }

        if (!block.IsCanonical)
        {
            yield return $"invalid ip-range {block}: it should be {block.Masked}";
        }

        if (!subnet.Overlaps(block))
        {
            yield return $"invalid ip-range {range}: parent subnet {subnet} doesn't contain ip-range";
        }
    }

    private static string? AddressError(string? text, Cidr subnet)
    {
        if (string.IsNullOrEmpty(text))
        {
            return null;
        }

        if (!Cidr.TryParseAddress(text, out var address))
        {
            return "invalid address";
        }

        if ((address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6) != subnet.IsIPv6)
        {
            return $"parent subnet is an {subnet.Family} block";
        }

        return subnet.Contains(address) ? null : $"parent subnet {subnet} doesn't contain this address";
    }
}
