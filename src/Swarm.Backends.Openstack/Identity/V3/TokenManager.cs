using System.Text.Json;
using Flurl;
using Microsoft.Extensions.Logging;
using Swarm.Backends.Openstack.Config;
using Swarm.Backends.Openstack.Http;
using Swarm.Core.Beam;

namespace Swarm.Backends.Openstack.Identity.V3;

/// <summary>
/// The one Keystone v3 token of a backend instance: issued on first use, shared by every call, renewed
/// <see cref="RenewBefore"/> ahead of its expiry, and re-issued when a service answers 401 with it.
/// Concurrent callers wait for the same authentication instead of each starting one.
/// </summary>
internal sealed class TokenManager : ITokenSource, IDisposable
{
    private static readonly TimeSpan RenewBefore = TimeSpan.FromMinutes(5);

    private readonly OpenstackCredentials _credentials;
    private readonly ServiceClient _keystone;
    private readonly ILogger _logger;
    private readonly TimeProvider _time;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private Session? _session;
    private string? _v3Url;

    public TokenManager(OpenstackCredentials credentials, RetryPolicy retry, ILogger logger, TimeProvider time)
    {
        _credentials = credentials;
        _logger = logger;
        _time = time;
        _keystone = new ServiceClient("Keystone", IdentityUrls.Root(credentials.AuthUrl), null, retry, logger);
    }

    /// <summary>How many tokens have been issued (for tests and info).</summary>
    public int Issued { get; private set; }

    /// <inheritdoc />
    public async ValueTask<string> GetTokenAsync(CancellationToken cancellationToken) =>
        (await GetSessionAsync(cancellationToken).ConfigureAwait(false)).Token;

    /// <summary>The catalog of the current token.</summary>
    public async ValueTask<ServiceCatalog> GetCatalogAsync(CancellationToken cancellationToken) =>
        (await GetSessionAsync(cancellationToken).ConfigureAwait(false)).Catalog;

    /// <summary>The id of the project the token is scoped to (null for an unscoped token).</summary>
    public async ValueTask<string?> GetProjectIdAsync(CancellationToken cancellationToken) =>
        (await GetSessionAsync(cancellationToken).ConfigureAwait(false)).ProjectId;

    /// <inheritdoc />
    public void Invalidate(string token)
    {
        var current = _session;
        if (current is not null && string.Equals(current.Token, token, StringComparison.Ordinal))
        {
            Interlocked.CompareExchange(ref _session, null, current);
        }
    }

    public void Dispose()
    {
        _keystone.Dispose();
        _gate.Dispose();
    }

    private async ValueTask<Session> GetSessionAsync(CancellationToken cancellationToken)
    {
        if (Fresh(_session) is { } session)
        {
            return session;
        }

        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (Fresh(_session) is { } again)
            {
                return again;
            }

            var issued = await AuthenticateAsync(cancellationToken).ConfigureAwait(false);
            _session = issued;
            return issued;
        }
        finally
        {
            _gate.Release();
        }
    }

    private Session? Fresh(Session? session)
    {
        if (session is null)
        {
            return null;
        }

        var lifetime = session.ExpiresAt - session.IssuedAt;
        var margin = lifetime > RenewBefore * 2 ? RenewBefore : lifetime / 2;
        return _time.GetUtcNow() < session.ExpiresAt - margin ? session : null;
    }

    private async Task<Session> AuthenticateAsync(CancellationToken cancellationToken)
    {
        var v3 = _v3Url ??= await DiscoverAsync(cancellationToken).ConfigureAwait(false);
        Log.Authenticating(_logger, v3, _credentials.Method, _credentials.Source);
        var response = await _keystone.SendAsync(HttpMethod.Post, new Url(IdentityUrls.Tokens(v3)), AuthRequest.Build(_credentials), idempotent: true, cancellationToken)
            .ConfigureAwait(false);
        if (response.Status is 401 or 403)
        {
            throw new BeamException(BeamErrorKind.Unauthorized,
                $"openstack: Keystone at {v3} refused {_credentials}: {OpenstackErrors.Detail(response.Body)} (HTTP {response.Status})");
        }

        var result = response.Read(OpenstackJson.Default.TokenResult, "token request");
        var token = response.Header("X-Subject-Token")
            ?? throw new BeamException(BeamErrorKind.Internal, $"openstack: Keystone at {v3} issued no X-Subject-Token");
        Issued++;
        Log.Authenticated(_logger, result.Token.Project?.Name ?? result.Token.Project?.Id ?? "(unscoped)", result.Token.ExpiresAt);
        return new Session(token, _time.GetUtcNow(), result.Token.ExpiresAt, new ServiceCatalog(result.Token.Catalog), result.Token.Project?.Id);
    }

    private async Task<string> DiscoverAsync(CancellationToken cancellationToken)
    {
        if (IdentityUrls.DirectV3(_credentials.AuthUrl) is { } direct)
        {
            return direct;
        }

        var root = IdentityUrls.Root(_credentials.AuthUrl);
        var fallback = root + "/v3";
        var response = await _keystone.GetAsync(new Url(root + "/"), cancellationToken).ConfigureAwait(false);
        string? found = null;
        if (response.Status is (>= 200 and < 400))
        {
            try
            {
                var versions = JsonSerializer.Deserialize(response.Body, OpenstackJson.Default.VersionsResult);
                found = versions?.Versions?.Values
                    .Where(v => v.Id.StartsWith("v3", StringComparison.OrdinalIgnoreCase))
                    .SelectMany(v => v.Links ?? [])
                    .FirstOrDefault(l => l.Rel == "self")?.Href.TrimEnd('/');
            }
            catch (JsonException)
            {
                // Not a version document: try the conventional place below.
            }
        }

        var v3 = found ?? fallback;
        Log.DiscoveredIdentity(_logger, v3, _credentials.AuthUrl);
        return v3;
    }

    private sealed record Session(string Token, DateTimeOffset IssuedAt, DateTimeOffset ExpiresAt, ServiceCatalog Catalog, string? ProjectId);
}
