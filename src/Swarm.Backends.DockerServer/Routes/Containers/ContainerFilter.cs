using System.Globalization;
using System.Text.RegularExpressions;
using Swarm.Backends.DockerServer.Http;
using Swarm.Core.Containers;

namespace Swarm.Backends.DockerServer.Routes;

/// <summary>The <c>filters</c> of <c>GET /containers/json</c>, applied here: clients do not filter themselves.</summary>
internal sealed class ContainerFilter
{
    private static readonly string[] Supported = ["id", "name", "label", "status", "ancestor", "exited", "network"];
    private static readonly string[] Unsupported = ["before", "since", "health", "volume", "publish", "expose", "isolation", "is-task"];
    private static readonly string[] States = ["created", "restarting", "running", "removing", "paused", "exited", "dead"];

    private readonly Filters _filters;
    private readonly Regex[] _names;

    private IReadOnlyList<NetworkRecord> _networks = [];

    public ContainerFilter(Filters filters)
    {
        foreach (var key in filters.Keys)
        {
            if (Unsupported.Contains(key))
            {
                throw DockerHttpException.BadRequest($"the filter '{key}' is not supported by swarmd");
            }
        }

        _filters = filters.Accept(Supported);
        foreach (var status in filters.Get("status"))
        {
            if (!States.Contains(status))
            {
                throw DockerHttpException.BadRequest($"invalid filter 'status={status}'");
            }
        }

        _names = filters.Patterns("name");
    }

    /// <summary>The values of the <c>network</c> filter (names or ids), for the route to resolve.</summary>
    public IReadOnlyList<string> NetworkReferences => _filters.Get("network");

    /// <summary>Takes the networks the <c>network</c> filter names, as the backend resolved them.</summary>
    public void Resolved(IReadOnlyList<NetworkRecord> networks) => _networks = networks;

    /// <summary>A status filter lists stopped containers even without <c>all</c>, as in dockerd.</summary>
    public bool WantsStopped => _filters.Get("status").Count > 0 || _filters.Get("exited").Count > 0;

    public bool Matches(ContainerRecord c) =>
        _filters.Match("id", v => c.Id.StartsWith(v, StringComparison.Ordinal))
        && (_names.Length == 0 || Array.Exists(_names, r => r.IsMatch("/" + c.Name)))
        && _filters.Match("status", v => v == DockerText.State(c.State.Status))
        && _filters.Match("exited", v => c.State.Status == ContainerStatus.Exited && v == c.State.ExitCode.ToString(CultureInfo.InvariantCulture))
        && _filters.Match("ancestor", v => IsAncestor(v, c))
        && _filters.Match("network", v => c.Networks.Any(e => e.Network == v || e.NetworkId == v
            || _networks.Any(n => (n.Id == v || n.Name == v) && (n.Id == e.NetworkId || n.Name == e.Network))))
        && LabelsMatch(_filters.Get("label"), c.Labels);

    /// <summary>Every <c>key</c> or <c>key=value</c> must hold (labels filters are a conjunction in dockerd).</summary>
    public static bool LabelsMatch(IReadOnlyList<string> wanted, IReadOnlyDictionary<string, string> labels)
    {
        foreach (var label in wanted)
        {
            var eq = label.IndexOf('=', StringComparison.Ordinal);
            var ok = eq < 0
                ? labels.ContainsKey(label)
                : labels.TryGetValue(label[..eq], out var value) && value == label[(eq + 1)..];
            if (!ok)
            {
                return false;
            }
        }

        return true;
    }

    private static bool IsAncestor(string image, ContainerRecord c)
    {
        var hex = image.StartsWith("sha256:", StringComparison.Ordinal) ? image[7..] : image;
        var imageHex = c.ImageId.StartsWith("sha256:", StringComparison.Ordinal) ? c.ImageId[7..] : c.ImageId;
        return string.Equals(ImageReference.WithTag(image), ImageReference.WithTag(c.Image), StringComparison.Ordinal)
            || (hex.Length >= 4 && imageHex.StartsWith(hex, StringComparison.OrdinalIgnoreCase));
    }
}
