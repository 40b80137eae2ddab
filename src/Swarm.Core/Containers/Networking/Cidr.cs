using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace Swarm.Core.Containers;

/// <summary>An IPv4 or IPv6 block in CIDR notation, with the arithmetic address management needs.</summary>
/// <param name="Address">The address as written (may have host bits set: see <see cref="IsCanonical"/>).</param>
/// <param name="PrefixLength">The prefix length.</param>
public readonly record struct Cidr(IPAddress Address, int PrefixLength)
{
    /// <summary>True for an IPv6 block.</summary>
    public bool IsIPv6 => Address.AddressFamily == AddressFamily.InterNetworkV6;

    /// <summary>Bits in an address of this family.</summary>
    public int Bits => IsIPv6 ? 128 : 32;

    /// <summary>The family's name as Docker's messages write it.</summary>
    public string Family => IsIPv6 ? "IPv6" : "IPv4";

    /// <summary>The first address of the block (host bits cleared).</summary>
    public IPAddress Network => FromNumber(Number(Address) & Mask, IsIPv6);

    /// <summary>The last address of the block.</summary>
    public IPAddress Last => FromNumber((Number(Address) & Mask) | (~Mask & AllOnes), IsIPv6);

    /// <summary>True when no host bit is set (<c>10.0.0.0/24</c>, not <c>10.0.0.1/24</c>).</summary>
    public bool IsCanonical => Number(Address) == (Number(Address) & Mask);

    /// <summary>The block with host bits cleared.</summary>
    public Cidr Masked => new(Network, PrefixLength);

    private UInt128 AllOnes => IsIPv6 ? UInt128.MaxValue : uint.MaxValue;

    private UInt128 Mask => PrefixLength == 0 ? UInt128.Zero : (AllOnes << (Bits - PrefixLength)) & AllOnes;

    /// <summary>Parses <c>ADDRESS/PREFIX</c>; false for anything else.</summary>
    public static bool TryParse(string? text, out Cidr cidr)
    {
        cidr = default;
        var slash = text?.IndexOf('/', StringComparison.Ordinal) ?? -1;
        if (text is null || slash <= 0
            || !TryParseAddress(text[..slash], out var address)
            || !int.TryParse(text.AsSpan(slash + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var prefix))
        {
            return false;
        }

        var bits = address.AddressFamily == AddressFamily.InterNetworkV6 ? 128 : 32;
        if (prefix > bits)
        {
            return false;
        }

        cidr = new Cidr(address, prefix);
        return true;
    }

    /// <summary>Parses <c>ADDRESS/PREFIX</c>; a format error otherwise.</summary>
    public static Cidr Parse(string text) =>
        TryParse(text, out var cidr) ? cidr : throw new FormatException($"'{text}' is not in CIDR notation");

    /// <summary>Parses a plain address of either family; false for anything else.</summary>
    public static bool TryParseAddress(string? text, out IPAddress address)
    {
        address = IPAddress.None;
        if (string.IsNullOrEmpty(text) || text.Contains('/', StringComparison.Ordinal) || text.Contains('%', StringComparison.Ordinal)
            || !IPAddress.TryParse(text, out var parsed) || parsed.AddressFamily is not (AddressFamily.InterNetwork or AddressFamily.InterNetworkV6))
        {
            return false;
        }

        // IPAddress.TryParse takes "1" as 0.0.0.1: only dotted quads are IPv4 addresses here.
        if (parsed.AddressFamily == AddressFamily.InterNetwork && text.Count(c => c == '.') != 3)
        {
            return false;
        }

        address = parsed;
        return true;
    }

    /// <summary>True when <paramref name="address"/> is in the block.</summary>
    public bool Contains(IPAddress address)
    {
        ArgumentNullException.ThrowIfNull(address);
        return address.AddressFamily == Address.AddressFamily && (Number(address) & Mask) == (Number(Address) & Mask);
    }

    /// <summary>True when the two blocks share an address.</summary>
    public bool Overlaps(Cidr other) =>
        other.IsIPv6 == IsIPv6 && (Contains(other.Network) || other.Contains(Network));

    /// <summary>The address <paramref name="offset"/> places after the block's first address.</summary>
    public IPAddress At(UInt128 offset) => FromNumber((Number(Address) & Mask) + offset, IsIPv6);

    /// <summary>How far <paramref name="address"/> lies from the block's first address.</summary>
    public UInt128 OffsetOf(IPAddress address) => Number(address) - (Number(Address) & Mask);

    /// <summary>How many addresses the block holds, capped at <see cref="UInt128.MaxValue"/>.</summary>
    public UInt128 Size => PrefixLength == 0 && IsIPv6 ? UInt128.MaxValue : UInt128.One << (Bits - PrefixLength);

    /// <inheritdoc />
    public override string ToString() => $"{Address}/{PrefixLength.ToString(CultureInfo.InvariantCulture)}";

    /// <summary>An address as a number.</summary>
    public static UInt128 Number(IPAddress address)
    {
        ArgumentNullException.ThrowIfNull(address);
        var bytes = address.GetAddressBytes();
        UInt128 value = 0;
        foreach (var b in bytes)
        {
            value = (value << 8) | b;
        }

        return value;
    }

    /// <summary>A number as an address of the given family.</summary>
    public static IPAddress FromNumber(UInt128 value, bool ipv6)
    {
        var bytes = new byte[ipv6 ? 16 : 4];
        for (var i = bytes.Length - 1; i >= 0; i--)
        {
            bytes[i] = (byte)(value & 0xff);
            value >>= 8;
        }

        return new IPAddress(bytes);
    }
}
