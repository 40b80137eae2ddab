using System.Globalization;
using Swarm.Core.Beam;

namespace Swarm.Core.Containers;

/// <summary>
/// Docker's published-port rules in one place for every backend: what a container publishes (its bindings, and every
/// exposed port with <c>-P</c>), the range a chosen host port comes from, and dockerd's messages.
/// </summary>
public static class DockerPorts
{
    /// <summary>The first host port dockerd chooses for <c>-p CONTAINER</c> and <c>-P</c> (Linux's ephemeral range).</summary>
    public const int FirstEphemeral = 32768;

    /// <summary>The last host port dockerd chooses.</summary>
    public const int LastEphemeral = 60999;

    /// <summary>The error of a host port another container holds.</summary>
    public static BeamException Allocated(string ip, int port) =>
        BeamException.Conflict(string.Create(CultureInfo.InvariantCulture, $"Bind for {ip}:{port} failed: port is already allocated"));

    /// <summary>The error of a malformed port.</summary>
    public static BeamException InvalidSpecification(string text) => BeamException.Invalid($"invalid port specification: \"{text}\"");

    /// <summary>Reads <c>80</c>, <c>80/tcp</c> or <c>53/udp</c>; a malformed port or one out of 1-65535 is Docker's error.</summary>
    public static PortMapping Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var slash = text.IndexOf('/', StringComparison.Ordinal);
        var number = slash < 0 ? text : text[..slash];
        var type = slash < 0 ? "tcp" : text[(slash + 1)..].ToLowerInvariant();
        if (!int.TryParse(number, NumberStyles.None, CultureInfo.InvariantCulture, out var port) || port is < 1 or > 65535)
        {
            throw InvalidSpecification(number);
        }

        return type is "tcp" or "udp" or "sctp" ? new PortMapping(port, type) : throw BeamException.Invalid($"invalid proto: {type}");
    }

    /// <summary>
    /// The ports a container publishes: its bindings as asked, and with <c>-P</c> every exposed port that has none, on a
    /// port the backend chooses. Ordered by container port, then protocol.
    /// </summary>
    public static IReadOnlyList<PortMapping> Published(ContainerSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        var published = new List<PortMapping>(spec.PortBindings);
        if (spec.PublishAllPorts)
        {
            foreach (var exposed in spec.ExposedPorts.Select(Parse))
            {
                if (!published.Exists(p => p.PrivatePort == exposed.PrivatePort && p.Type == exposed.Type))
                {
                    published.Add(exposed);
                }
            }
        }

        return [.. published.OrderBy(p => p.PrivatePort).ThenBy(p => p.Type, StringComparer.Ordinal)];
    }

    /// <summary>True when a host address means every address (empty, <c>0.0.0.0</c>, <c>::</c>).</summary>
    public static bool IsAnyAddress(string? ip) => ip is null or "" or "0.0.0.0" or "::";
}
