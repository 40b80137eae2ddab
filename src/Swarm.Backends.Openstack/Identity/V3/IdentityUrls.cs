namespace Swarm.Backends.Openstack.Identity.V3;

/// <summary>Where Keystone v3 lives, given what the user wrote as the auth URL.</summary>
internal static class IdentityUrls
{
    /// <summary>The URL itself when it already ends in <c>/v3</c>, else null (discovery needed).</summary>
    public static string? DirectV3(string authUrl)
    {
        var trimmed = authUrl.TrimEnd('/');
        return trimmed.EndsWith("/v3", StringComparison.OrdinalIgnoreCase) ? trimmed : null;
    }

    /// <summary>The root to discover from: the URL without a trailing <c>/v2.0</c>, <c>/v2</c> or <c>/v3.x</c>.</summary>
    public static string Root(string authUrl)
    {
        var trimmed = authUrl.TrimEnd('/');
        var slash = trimmed.LastIndexOf('/');
        var last = slash < 0 ? "" : trimmed[(slash + 1)..];
        var isVersion = last.Length > 1 && (last[0] == 'v' || last[0] == 'V') && last.Skip(1).All(ch => char.IsAsciiDigit(ch) || ch == '.');
        return isVersion && slash > "https://".Length ? trimmed[..slash] : trimmed;
    }

    /// <summary><c>{v3}/auth/tokens</c>.</summary>
    public static string Tokens(string v3) => v3.TrimEnd('/') + "/auth/tokens";
}
