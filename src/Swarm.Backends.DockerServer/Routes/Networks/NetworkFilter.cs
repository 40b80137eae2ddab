using System.Text.RegularExpressions;
using Swarm.Backends.DockerServer.Http;
using Swarm.Core.Containers;

namespace Swarm.Backends.DockerServer.Routes;

/// <summary>
/// The <c>filters</c> of <c>GET /networks</c>: <c>name</c> and <c>id</c> (regular expressions, as dockerd matches them),
/// <c>label</c>, <c>driver</c>, <c>type</c> (custom or builtin), <c>scope</c> and <c>dangling</c>.
/// </summary>
internal sealed class NetworkFilter
{
    private readonly Filters _filters;
    private readonly Regex[] _names;
    private readonly Regex[] _ids;

    public NetworkFilter(Filters filters)
    {
        _filters = filters.Accept("name", "id", "label", "driver", "type", "scope", "dangling");
        foreach (var type in filters.Get("type"))
        {
            if (type is not ("custom" or "builtin"))
            {
                throw DockerHttpException.BadRequest($"invalid filter: 'type'='{type}'");
            }
        }

        foreach (var dangling in filters.Get("dangling"))
        {
            if (dangling is not ("true" or "false" or "1" or "0"))
            {
                throw DockerHttpException.BadRequest($"invalid value for 'dangling': '{dangling}'");
            }
        }

        _names = filters.Patterns("name");
        _ids = filters.Patterns("id");
    }

    /// <summary>The dangling filter needs each network's containers, which a listing may leave out.</summary>
    public bool NeedsContainers => _filters.Get("dangling").Count > 0;

    public bool Matches(NetworkRecord n) =>
        (_names.Length == 0 || Array.Exists(_names, r => r.IsMatch(n.Name)))
        && (_ids.Length == 0 || Array.Exists(_ids, r => r.IsMatch(n.Id)))
        && _filters.Match("driver", v => v == n.Driver)
        && _filters.Match("scope", v => v == n.Scope)
        && _filters.Match("type", v => (v == "builtin") == n.Predefined)
        && _filters.Match("dangling", v => (v is "true" or "1") == (!n.Predefined && n.Containers.Count == 0))
        && ContainerFilter.LabelsMatch(_filters.Get("label"), n.Labels);
}
