using System.Globalization;
using System.Net.Http.Headers;
using Flurl;
using Flurl.Http;
using Flurl.Http.Content;
using Microsoft.Extensions.Logging;
using Swarm.Core.Beam;

namespace Swarm.Backends.Openstack.Http;

/// <summary>
/// One configured Flurl client for one OpenStack service (Keystone, Nova, Glance): adds the token and the
/// service's headers, retries what may be retried (<see cref="RetryPolicy"/>), re-authenticates on a 401 (once,
/// and once more a second later if the fresh token is refused too), and reads every response to its end. No global Flurl state: each service has its own client.
/// </summary>
internal sealed class ServiceClient : IDisposable
{
    // How long to wait before asking for a token again when a fresh one was refused (see SendAsync).
    private static readonly TimeSpan SameSecond = TimeSpan.FromSeconds(1.1);

    private readonly FlurlClient _client;
    private readonly ITokenSource? _tokens;
    private readonly RetryPolicy _retry;
    private readonly ILogger _logger;
    private readonly IReadOnlyDictionary<string, string> _headers;

    public ServiceClient(string service, string baseUrl, ITokenSource? tokens, RetryPolicy retry, ILogger logger, IReadOnlyDictionary<string, string>? headers = null)
    {
        Service = service;
        BaseUrl = baseUrl.TrimEnd('/');
        _tokens = tokens;
        _retry = retry;
        _logger = logger;
        _headers = headers ?? new Dictionary<string, string>();
        _client = new FlurlClient();
        _client.Settings.Timeout = retry.RequestTimeout;
        _client.Settings.AllowedHttpStatusRange = "*";
        _client.Settings.JsonSerializer = SourceGeneratedJsonSerializer.Openstack;
        _client.Headers.Add("Accept", "application/json");
        _client.Headers.Add("User-Agent", "swarmd-dotnet/0.1");
    }

    /// <summary>The service's name in messages: Keystone, Nova, Glance.</summary>
    public string Service { get; }

    /// <summary>The endpoint, without a trailing slash.</summary>
    public string BaseUrl { get; }

    /// <summary>An absolute URL under the endpoint.</summary>
    public Url Url(params string[] segments)
    {
        var url = new Url(BaseUrl);
        foreach (var segment in segments)
        {
            url.AppendPathSegment(segment);
        }

        return url;
    }

    /// <summary>A GET, retried on transient failures.</summary>
    public Task<RawResponse> GetAsync(Url url, CancellationToken cancellationToken) =>
        SendAsync(HttpMethod.Get, url, null, idempotent: true, cancellationToken);

    /// <summary>
    /// Sends a request. <paramref name="idempotent"/> allows retries after 5xx and timeouts; 413/429 and a
    /// first 401 are retried for every request, since the service refused it before acting.
    /// </summary>
    public Task<RawResponse> SendAsync(HttpMethod method, Url url, string? jsonBody, bool idempotent, CancellationToken cancellationToken) =>
        SendAsync(method, url, jsonBody, idempotent, null, cancellationToken);

    /// <summary>
    /// Sends a request with <paramref name="headers"/> besides the service's own (a microversion only some calls need).
    /// </summary>
    public async Task<RawResponse> SendAsync(HttpMethod method, Url url, string? jsonBody, bool idempotent, IReadOnlyDictionary<string, string>? headers, CancellationToken cancellationToken)
    {
        var reauthenticated = 0;
        for (var attempt = 1; ; attempt++)
        {
            var token = _tokens is null ? null : await _tokens.GetTokenAsync(cancellationToken).ConfigureAwait(false);
            var request = _client.Request(url.Clone());
            foreach (var (name, value) in headers is null ? _headers : _headers.Concat(headers))
            {
                request.WithHeader(name, value);
            }

            if (token is not null)
            {
                request.WithHeader("X-Auth-Token", token);
            }

            using var content = jsonBody is null ? null : new CapturedStringContent(jsonBody, "application/json; charset=utf-8");
            IFlurlResponse response;
            try
            {
                response = await request.SendAsync(method, content, HttpCompletionOption.ResponseContentRead, cancellationToken).ConfigureAwait(false);
            }
            catch (FlurlHttpTimeoutException ex) when (!cancellationToken.IsCancellationRequested)
            {
                var reason = $"no answer within {_retry.RequestTimeout.TotalSeconds:0.#} s";
                if (idempotent && attempt < _retry.MaxAttempts)
                {
                    await BackoffAsync(method, url, reason, attempt, _retry.Backoff(attempt), cancellationToken).ConfigureAwait(false);
                    continue;
                }

                throw BeamException.Unavailable($"openstack: {Service} gave {reason} to {method} {Path(url)}", ex);
            }
            catch (FlurlHttpException ex) when (!cancellationToken.IsCancellationRequested && ex.StatusCode is null)
            {
                var reason = $"cannot connect: {ex.InnerException?.Message ?? ex.Message}";
                if (idempotent && attempt < _retry.MaxAttempts)
                {
                    await BackoffAsync(method, url, reason, attempt, _retry.Backoff(attempt), cancellationToken).ConfigureAwait(false);
                    continue;
                }

                throw BeamException.Unavailable($"openstack: {Service} at {BaseUrl}: {reason}", ex);
            }
            catch (FlurlHttpException ex) when (cancellationToken.IsCancellationRequested)
            {
                // The caller cancelled (Flurl wraps it): cancellation, as every other await reports it.
                throw new OperationCanceledException($"openstack: {method} {Path(url)} to {Service} was cancelled", ex, cancellationToken);
            }

            var raw = await ReadAsync(response).ConfigureAwait(false);
            if (raw.Status == 401 && token is not null && reauthenticated < 2)
            {
                // A second 401 is for a token issued a moment ago. Keystone compares its revocation events with the
                // tokens' issue times in whole seconds, so a token issued in the same second as the revocation (a password
                // change, say) is revoked too: one more, issued a second later, is not.
                if (reauthenticated == 1)
                {
                    Log.ReauthenticatingAgain(_logger, Service, method.Method, Path(url), (long)SameSecond.TotalMilliseconds);
                    await _retry.Delay(SameSecond, cancellationToken).ConfigureAwait(false);
                }
                else
                {
                    Log.Reauthenticating(_logger, Service, method.Method, Path(url));
                }

                _tokens!.Invalidate(token);
                reauthenticated++;
                attempt--;
                continue;
            }

            if (raw.Status is 413 or 429 && attempt < _retry.MaxAttempts)
            {
                var wait = RetryAfter(raw) ?? _retry.Backoff(attempt);
                if (wait > _retry.MaxRetryAfter)
                {
                    throw new BeamException(BeamErrorKind.Unavailable,
                        $"openstack: {Service} is rate limiting {method} {Path(url)} and asks to retry after {wait.TotalSeconds:0} s (HTTP {raw.Status})");
                }

                await BackoffAsync(method, url, $"HTTP {raw.Status}", attempt, wait, cancellationToken).ConfigureAwait(false);
                continue;
            }

            if (raw.Status >= 500 && idempotent && attempt < _retry.MaxAttempts)
            {
                await BackoffAsync(method, url, $"HTTP {raw.Status}", attempt, _retry.Backoff(attempt), cancellationToken).ConfigureAwait(false);
                continue;
            }

            return raw;
        }
    }

    public void Dispose() => _client.Dispose();

    private static TimeSpan? RetryAfter(RawResponse raw)
    {
        var value = raw.Header("Retry-After");
        if (value is null)
        {
            return null;
        }

        if (double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds))
        {
            return TimeSpan.FromSeconds(Math.Max(0, seconds));
        }

        return DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var when)
            ? TimeSpan.FromTicks(Math.Max(0, (when - DateTimeOffset.UtcNow).Ticks))
            : null;
    }

    private static string Path(Url url) => url.Path;

    private async Task BackoffAsync(HttpMethod method, Url url, string reason, int attempt, TimeSpan delay, CancellationToken cancellationToken)
    {
        Log.Retrying(_logger, Service, method.Method, Path(url), reason, attempt, (long)delay.TotalMilliseconds);
        await _retry.Delay(delay, cancellationToken).ConfigureAwait(false);
    }

    private async Task<RawResponse> ReadAsync(IFlurlResponse response)
    {
        var body = await response.GetStringAsync().ConfigureAwait(false);
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (name, value) in response.Headers)
        {
            headers[name] = value;
        }

        AddRetryAfter(response.ResponseMessage.Headers.RetryAfter, headers);
        return new RawResponse(response.StatusCode, body ?? "", headers, Service);
    }

    private static void AddRetryAfter(RetryConditionHeaderValue? retryAfter, Dictionary<string, string> headers)
    {
        if (retryAfter?.Delta is { } delta && !headers.ContainsKey("Retry-After"))
        {
            headers["Retry-After"] = delta.TotalSeconds.ToString(CultureInfo.InvariantCulture);
        }
    }
}
