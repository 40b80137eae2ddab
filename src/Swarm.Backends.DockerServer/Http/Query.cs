using System.Globalization;
using Microsoft.AspNetCore.Http;

namespace Swarm.Backends.DockerServer.Http;

/// <summary>Reads query parameters the way dockerd does.</summary>
internal static class Query
{
    /// <summary>The value, or null when absent or empty.</summary>
    public static string? Get(HttpRequest request, string name) =>
        request.Query.TryGetValue(name, out var values) && values.Count > 0 && values[^1] is { Length: > 0 } v ? v : null;

    /// <summary>
    /// dockerd's boolean: anything but empty, <c>0</c>, <c>no</c>, <c>false</c> or <c>none</c> (any case) is true, so
    /// <c>1</c>, <c>true</c> and docker-py's <c>True</c> all work.
    /// </summary>
    public static bool Bool(HttpRequest request, string name, bool absent = false) => Get(request, name) switch
    {
        null => absent,
        var v => !IsFalse(v),
    };

    /// <summary>dockerd's false spellings.</summary>
    public static bool IsFalse(string value) =>
        value.Length == 0 || value == "0" || value.Equals("no", StringComparison.OrdinalIgnoreCase)
        || value.Equals("false", StringComparison.OrdinalIgnoreCase) || value.Equals("none", StringComparison.OrdinalIgnoreCase);

    /// <summary>An integer parameter; a malformed one is a 400 naming it.</summary>
    public static int? Int(HttpRequest request, string name) => Get(request, name) switch
    {
        null => null,
        var v when int.TryParse(v, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var n) => n,
        var v => throw DockerHttpException.BadRequest($"invalid value for {name}: \"{v}\" is not an integer"),
    };

    /// <summary>A Unix time, in seconds with an optional fraction (<c>1700000000.123456789</c>); a 400 if malformed.</summary>
    public static DateTimeOffset? UnixTime(HttpRequest request, string name)
    {
        if (Get(request, name) is not { } text)
        {
            return null;
        }

        if (!decimal.TryParse(text, NumberStyles.AllowDecimalPoint | NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var seconds)
            || seconds < -62135596800m || seconds > 253402300799m)
        {
            throw DockerHttpException.BadRequest($"invalid value for {name}: \"{text}\" is not a Unix timestamp");
        }

        return DateTimeOffset.UnixEpoch.AddTicks((long)(seconds * TimeSpan.TicksPerSecond));
    }
}
