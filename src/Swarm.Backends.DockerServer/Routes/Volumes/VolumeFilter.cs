using System.Text.RegularExpressions;
using Swarm.Backends.DockerServer.Http;
using Swarm.Core.Containers;

namespace Swarm.Backends.DockerServer.Routes;

/// <summary>
/// The <c>filters</c> of <c>GET /volumes</c>: <c>name</c> (regular expressions, as dockerd matches them), <c>label</c>,
/// <c>driver</c> and <c>dangling</c> (no container mounts it).
/// </summary>
internal sealed class VolumeFilter
{
    private readonly Filters _filters;
    private readonly Regex[] _names;

    public VolumeFilter(Filters filters)
    {
        _filters = filters.Accept("name", "label", "driver", "dangling");
        foreach (var dangling in filters.Get("dangling"))
        {
            if (dangling is not ("true" or "false" or "1" or "0"))
            {
                throw DockerHttpException.BadRequest($"invalid filter 'dangling={dangling}'");
            }
        }

        _names = filters.Patterns("name");
    }

    public bool Matches(VolumeRecord v) =>
        (_names.Length == 0 || Array.Exists(_names, r => r.IsMatch(v.Name)))
        && _filters.Match("driver", d => d == v.Driver)
        && _filters.Match("dangling", d => (d is "true" or "1") == (v.Containers.Count == 0))
        && ContainerFilter.LabelsMatch(_filters.Get("label"), v.Labels);
}
