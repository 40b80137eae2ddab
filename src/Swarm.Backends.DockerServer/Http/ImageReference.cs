namespace Swarm.Backends.DockerServer.Http;

/// <summary>Docker's reference spellings: <c>docker.io/library/cirros:latest</c> is the familiar <c>cirros:latest</c>.</summary>
internal static class ImageReference
{
    private static readonly string[] Prefixes = ["docker.io/library/", "index.docker.io/library/", "registry-1.docker.io/library/", "docker.io/", "index.docker.io/"];

    /// <summary>The familiar name, without the default registry (<c>cirros</c>, <c>me/app:1</c>).</summary>
    public static string Familiar(string reference)
    {
        foreach (var prefix in Prefixes)
        {
            if (reference.StartsWith(prefix, StringComparison.Ordinal))
            {
                return reference[prefix.Length..];
            }
        }

        return reference;
    }

    /// <summary>
    /// An image id as Docker clients expect it, <c>sha256:...</c>: docker-py splits on the colon. A backend id
    /// without the prefix (a Glance UUID) gets it.
    /// </summary>
    public static string DockerId(string id) =>
        id.Length == 0 || id.StartsWith("sha256:", StringComparison.Ordinal) ? id : "sha256:" + id;

    /// <summary>What to ask the backend for: the familiar name, or the backend's own id for a <c>sha256:</c> id.</summary>
    public static string ForBackend(string reference) =>
        reference.StartsWith("sha256:", StringComparison.Ordinal) ? reference[7..] : Familiar(reference);

    /// <summary>Splits a familiar reference into repository and tag (<c>latest</c> when none).</summary>
    public static (string Repository, string Tag) Split(string reference)
    {
        var at = reference.IndexOf('@', StringComparison.Ordinal);
        if (at >= 0)
        {
            return (reference[..at], reference[(at + 1)..]);
        }

        var colon = reference.LastIndexOf(':');
        return colon > reference.LastIndexOf('/') ? (reference[..colon], reference[(colon + 1)..]) : (reference, "latest");
    }

    /// <summary>The familiar <c>repo:tag</c> form; <c>cirros</c> becomes <c>cirros:latest</c>.</summary>
    public static string WithTag(string reference)
    {
        var (repository, tag) = Split(Familiar(reference));
        return tag.Contains(':', StringComparison.Ordinal) ? $"{repository}@{tag}" : $"{repository}:{tag}";
    }

    /// <summary>
    /// Docker's reference filter: the pattern matches <c>repo:tag</c> or the repository with Go's <c>path.Match</c>
    /// (<see cref="PathPattern"/>). A malformed pattern is a 400.
    /// </summary>
    public static bool Matches(string pattern, string repoTag)
    {
        var (repository, _) = Split(repoTag);
        var familiar = Familiar(pattern);
        try
        {
            return PathPattern.Match(familiar, repoTag) || PathPattern.Match(familiar, repository);
        }
        catch (FormatException ex)
        {
            throw DockerHttpException.BadRequest($"invalid reference filter '{pattern}': {ex.Message}");
        }
    }
}
