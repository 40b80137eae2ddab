using System.Text.RegularExpressions;
using Swarm.Backends.DockerServer.Http;

namespace Swarm.Backends.DockerServer.Routes;

/// <summary>dockerd's container name rule: <c>[a-zA-Z0-9][a-zA-Z0-9_.-]+</c>, a leading <c>/</c> allowed.</summary>
internal static partial class ContainerNames
{
    /// <summary>The name without its leading slash; a 400 with dockerd's message when it breaks the rule.</summary>
    public static string? Validate(string? name)
    {
        if (string.IsNullOrEmpty(name))
        {
            return null;
        }

        var bare = name.StartsWith('/') ? name[1..] : name;
        return Valid().IsMatch(bare)
            ? bare
            : throw DockerHttpException.BadRequest($"Invalid container name ({name}), only [a-zA-Z0-9][a-zA-Z0-9_.-] are allowed");
    }

    [GeneratedRegex("^[a-zA-Z0-9][a-zA-Z0-9_.-]+$", RegexOptions.CultureInvariant)]
    private static partial Regex Valid();
}
