namespace Swarm.Backends.DockerServer.Http;

/// <summary>The API versions served and dockerd's negotiation rules.</summary>
internal static class ApiVersion
{
    /// <summary>The newest version served (what the docker CLI 28 speaks); unversioned requests get it.</summary>
    public const string Max = "1.50";

    /// <summary>The oldest version served (dockerd 28's floor).</summary>
    public const string Min = "1.24";

    /// <summary>The first version whose hijacked streams are typed <c>multiplexed-stream</c>.</summary>
    public const string Multiplexed = "1.42";

    /// <summary>
    /// Splits <c>/v1.NN/rest</c> into the version and <c>/rest</c>; false when the path has no version prefix.
    /// </summary>
    public static bool TrySplit(string path, out string version, out string rest)
    {
        version = Max;
        rest = path;
        if (path.Length < 3 || path[1] != 'v' || !char.IsAsciiDigit(path[2]))
        {
            return false;
        }

        var end = 2;
        while (end < path.Length && (char.IsAsciiDigit(path[end]) || path[end] == '.'))
        {
            end++;
        }

        if (end < path.Length && path[end] != '/')
        {
            return false;
        }

        version = path[2..end];
        rest = path[end..];
        return true;
    }

    /// <summary>dockerd's 400 message for a version outside the range served, or null when it is served.</summary>
    public static string? Reject(string version) =>
        Compare(version, Min) < 0
            ? $"client version {version} is too old. Minimum supported API version is {Min}, please upgrade your client to a newer version"
            : Compare(version, Max) > 0
                ? $"client version {version} is too new. Maximum supported API version is {Max}"
                : null;

    /// <summary>Compares dotted versions numerically, part by part (1.9 is older than 1.24).</summary>
    public static int Compare(string a, string b)
    {
        var x = a.AsSpan();
        var y = b.AsSpan();
        while (x.Length > 0 || y.Length > 0)
        {
            var c = Next(ref x).CompareTo(Next(ref y));
            if (c != 0)
            {
                return c;
            }
        }

        return 0;
    }

    private static long Next(ref ReadOnlySpan<char> text)
    {
        var dot = text.IndexOf('.');
        var part = dot < 0 ? text : text[..dot];
        text = dot < 0 ? [] : text[(dot + 1)..];
        long value = 0;
        foreach (var c in part)
        {
            value = (value * 10) + (c - '0');
            if (value > int.MaxValue)
            {
                return int.MaxValue;
            }
        }

        return value;
    }
}
