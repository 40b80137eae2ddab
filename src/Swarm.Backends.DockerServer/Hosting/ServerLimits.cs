using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.AspNetCore.Server.Kestrel.Core.Features;

namespace Swarm.Backends.DockerServer.Hosting;

/// <summary>
/// Kestrel's limits, set explicitly so they are ours to document (docs/dockerserver.md, "Limits"). Long streams
/// (<c>logs -f</c>, <c>events</c>, <c>wait</c>, attach) are not cut by any of them: the head timeouts end with the
/// head, a rate limit only measures while bytes are pending, and a hijacked connection is no longer HTTP.
/// </summary>
internal static class ServerLimits
{
    /// <summary>Connections open at once (per kind: HTTP, and hijacked attach) unless <c>--max-connections</c> says.</summary>
    public const int DefaultMaxConnections = 1000;

    /// <summary>The request line, query included (Kestrel's default; the longest client query seen is under 1 KiB).</summary>
    public const int MaxRequestLine = 8 * 1024;

    /// <summary>All headers together (X-Registry-Auth, the largest a client sends, is a few hundred bytes).</summary>
    public const int MaxHeadersTotal = 32 * 1024;

    public const int MaxHeaderCount = 100;

    /// <summary>The most of a body Kestrel reads: a body refused at 1 MiB can still be drained and its 400 read.</summary>
    public const int MaxDrainedBody = 8 * 1024 * 1024;

    public static void Apply(KestrelServerLimits limits, int maxConnections)
    {
        limits.MaxConcurrentConnections = maxConnections;
        limits.MaxConcurrentUpgradedConnections = maxConnections;
        limits.MaxRequestLineSize = MaxRequestLine;
        limits.MaxRequestHeadersTotalSize = MaxHeadersTotal;
        limits.MaxRequestHeaderCount = MaxHeaderCount;

        // JSON bodies are refused over RequestBody.Limit by the route that reads them. Kestrel drains what a route
        // did not read so the client can read the answer; past this it closes the connection instead.
        limits.MaxRequestBodySize = MaxDrainedBody;
        limits.KeepAliveTimeout = TimeSpan.FromSeconds(130);
        limits.RequestHeadersTimeout = TimeSpan.FromSeconds(30);
        limits.MinRequestBodyDataRate = new MinDataRate(bytesPerSecond: 240, gracePeriod: TimeSpan.FromSeconds(5));
        limits.MinResponseDataRate = new MinDataRate(bytesPerSecond: 240, gracePeriod: TimeSpan.FromSeconds(5));
    }

    /// <summary>
    /// Lifts the body limits for a request whose body is a stream (attach's stdin without an upgrade): it has no
    /// size, and a user who types nothing for five seconds is not a slow client.
    /// </summary>
    public static void StreamedBody(HttpContext http)
    {
        if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } size)
        {
            size.MaxRequestBodySize = null;
        }

        if (http.Features.Get<IHttpMinRequestBodyDataRateFeature>() is { } rate)
        {
            rate.MinDataRate = null;
        }
    }
}
