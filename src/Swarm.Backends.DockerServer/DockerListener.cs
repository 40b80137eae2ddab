using System.Globalization;
using System.Net;
using Swarm.Core.Backends;

namespace Swarm.Backends.DockerServer;

/// <summary>One address the server listens on: <c>tcp://HOST:PORT</c> or <c>unix:///PATH</c>, as dockerd writes them.</summary>
/// <param name="Host">The TCP host (empty means every interface); null for a unix socket.</param>
/// <param name="Port">The TCP port (0 picks a free one).</param>
/// <param name="SocketPath">The unix socket's path; null for TCP.</param>
public sealed record DockerListener(string? Host, int Port, string? SocketPath)
{
    /// <summary>libswarm's default: <c>tcp://localhost:4243</c>.</summary>
    public const int DefaultPort = 4243;

    /// <summary>Whether this is a unix socket.</summary>
    public bool IsUnix => SocketPath is not null;

    /// <summary>Whether only this machine can reach the address.</summary>
    public bool IsLoopback => IsUnix
        || string.Equals(Host, "localhost", StringComparison.OrdinalIgnoreCase)
        || (IPAddress.TryParse(Host, out var ip) && IPAddress.IsLoopback(ip));

    /// <summary>Parses <c>tcp://HOST:PORT</c>, <c>tcp://:PORT</c>, <c>tcp://[::1]:PORT</c> or <c>unix:///PATH</c>.</summary>
    public static DockerListener Parse(string address)
    {
        ArgumentNullException.ThrowIfNull(address);
        if (address.StartsWith("unix://", StringComparison.Ordinal))
        {
            var path = address["unix://".Length..];
            return path.Length > 0
                ? new DockerListener(null, 0, path)
                : throw new SwarmSpecException($"dockerserver: '{address}' names no socket path (write unix:///path/to/docker.sock)");
        }

        if (!address.StartsWith("tcp://", StringComparison.Ordinal))
        {
            throw new SwarmSpecException($"dockerserver: cannot listen on '{address}': write tcp://HOST:PORT or unix:///PATH");
        }

        var rest = address["tcp://".Length..].TrimEnd('/');
        var colon = rest.LastIndexOf(':');
        if (colon < 0 || colon < rest.LastIndexOf(']'))
        {
            return new DockerListener(Unbracket(rest), DefaultPort, null);
        }

        var host = Unbracket(rest[..colon]);
        return int.TryParse(rest[(colon + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out var port) && port <= 65535
            ? new DockerListener(host, port, null)
            : throw new SwarmSpecException($"dockerserver: '{address}' has no valid port (0 to 65535)");
    }

    /// <inheritdoc />
    public override string ToString() => IsUnix
        ? "unix://" + SocketPath
        : string.Create(CultureInfo.InvariantCulture, $"tcp://{(Host is { } h && h.Contains(':', StringComparison.Ordinal) ? $"[{h}]" : Host)}:{Port}");

    private static string Unbracket(string host) => host.StartsWith('[') && host.EndsWith(']') ? host[1..^1] : host;
}
