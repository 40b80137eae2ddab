namespace Swarm.Backends.Openstack.Http;

/// <summary>
/// How calls to OpenStack are retried. Idempotent calls (GET, PUT, DELETE) are retried on 5xx, timeouts and
/// refused connections with exponential backoff. Every call is retried on 413/429, which the service sends
/// before doing anything, after the Retry-After it asks for (up to <see cref="MaxRetryAfter"/>).
/// A create (POST /servers) is never retried after a 5xx or a timeout: it may have worked.
/// </summary>
public sealed record RetryPolicy
{
    /// <summary>The default: 4 attempts, 250 ms doubling, Retry-After up to 60 s, 60 s per request.</summary>
    public static RetryPolicy Default { get; } = new();

    /// <summary>Attempts in total, including the first.</summary>
    public int MaxAttempts { get; init; } = 4;

    /// <summary>The first backoff; it doubles each attempt.</summary>
    public TimeSpan BaseDelay { get; init; } = TimeSpan.FromMilliseconds(250);

    /// <summary>The longest Retry-After honoured; a longer one fails at once as unavailable.</summary>
    public TimeSpan MaxRetryAfter { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>How long one request may take.</summary>
    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>How a delay is waited for (replaced in tests to record it).</summary>
    public Func<TimeSpan, CancellationToken, Task> Delay { get; init; } = Task.Delay;

    /// <summary>The backoff before attempt <paramref name="attempt"/> + 1.</summary>
    public TimeSpan Backoff(int attempt) => TimeSpan.FromMilliseconds(BaseDelay.TotalMilliseconds * Math.Pow(2, attempt - 1));
}
