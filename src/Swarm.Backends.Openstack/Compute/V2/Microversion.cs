using System.Globalization;

namespace Swarm.Backends.Openstack.Compute.V2;

/// <summary>Nova microversions: the one swarmd wants, the least it needs, and the choice for a given cloud.</summary>
internal static class Microversion
{
    /// <summary>Preferred: 2.79 (flavor embedded since 2.47, networks "none" since 2.37).</summary>
    public const string Preferred = "2.79";

    /// <summary>The least swarmd works with: the flavor embedded in servers (2.47).</summary>
    public const string Minimum = "2.47";

    /// <summary>
    /// Chooses min(<see cref="Preferred"/>, the cloud's maximum); null when the cloud is older than
    /// <see cref="Minimum"/>. An empty maximum (a cloud without microversions) is too old.
    /// </summary>
    public static string? Choose(string? cloudMax)
    {
        if (!TryParse(cloudMax, out var max))
        {
            return null;
        }

        TryParse(Preferred, out var preferred);
        TryParse(Minimum, out var minimum);
        if (max < minimum)
        {
            return null;
        }

        var chosen = max < preferred ? max : preferred;
        return $"{chosen.Major}.{chosen.Minor}";
    }

    private static bool TryParse(string? text, out Version version)
    {
        version = new Version(0, 0);
        return text is { Length: > 0 } && Version.TryParse(text, out version!) && version.Major == 2;
    }
}
