using System.Text.RegularExpressions;
using Swarm.Core.Beam;

namespace Swarm.Core.Containers;

/// <summary>
/// Docker's container name rule, in one place for every frontend and backend: <c>[a-zA-Z0-9][a-zA-Z0-9_.-]+</c>
/// (so at least two characters), with an optional leading <c>/</c> that is not part of the name.
/// </summary>
public static partial class ContainerNames
{
    /// <summary>The name without its leading slash; an invalid-argument error with dockerd's message when it breaks the rule.</summary>
    public static string Validate(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        var bare = name.StartsWith('/') ? name[1..] : name;
        return IsValid(bare)
            ? bare
            : throw BeamException.Invalid($"Invalid container name ({name}), only [a-zA-Z0-9][a-zA-Z0-9_.-] are allowed");
    }

    /// <summary>True when <paramref name="name"/> (without a slash) follows the rule.</summary>
    public static bool IsValid(string name) => Pattern().IsMatch(name);

    /// <summary>The message of a create whose name is taken, as dockerd words it.</summary>
    public static string InUse(string name, string holderId) =>
        $"Conflict. The container name \"/{name}\" is already in use by container \"{holderId}\". You have to remove (or rename) that container to be able to reuse that name.";

    [GeneratedRegex("^[a-zA-Z0-9][a-zA-Z0-9_.-]+$", RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();
}
