using System.Runtime.CompilerServices;
using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using Swarm.Backends.Openstack.Compute.V2;
using Swarm.Backends.Openstack.Containers;
using Swarm.Core.Beam;

namespace Swarm.Backends.Openstack.Cloud;

/// <summary>
/// The one <c>changes-since</c> poller of a cloud connection. Lifecycle waits, <c>docker wait</c>, <c>logs -f</c> and
/// <c>events</c> all subscribe to it, so Nova sees one <c>GET /servers/detail?changes-since=</c> per interval however
/// many clients wait, and none when nobody does. A waiter only learns from observations that began after it
/// registered (a poll, or a listing or GET another call reports with <see cref="Observe"/>), so it never acts on
/// a state older than its own request. Deleted servers come as "gone" (null). A waiter that hears nothing for
/// <see cref="CheckAfter"/> (30 s) gets a direct <c>GET /servers/{id}</c>: that covers a server that vanished without
/// a DELETED record (a build request deleted before scheduling) and any clock skew between swarmd and Nova.
/// </summary>
internal sealed partial class ServerPoller : IAsyncDisposable
{
    /// <summary>How far back each poll reaches before the previous one, on Nova's clock (its Date header).</summary>
    public static readonly TimeSpan Overlap = TimeSpan.FromSeconds(2);

    /// <summary>How far back each poll reaches when Nova sends no Date header (swarmd's clock: room for skew).</summary>
    public static readonly TimeSpan LocalOverlap = TimeSpan.FromSeconds(5);

    /// <summary>How far back the first poll after a quiet spell reaches (on swarmd's clock, so it allows for skew).</summary>
    public static readonly TimeSpan ColdOverlap = TimeSpan.FromSeconds(60);

    private const int FeedBacklogLimit = 1024;

    private readonly Func<CancellationToken, ValueTask<ServersClient>> _servers;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly object _gate = new();
    private readonly List<Waiter> _waiters = [];
    private readonly List<Channel<IReadOnlyList<Server>>> _feeds = [];
    private readonly CancellationTokenSource _stop = new();
    private TaskCompletionSource _wake = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private DateTimeOffset? _novaSince;
    private bool _novaClock;
    private Task? _loop;
    private long _polls;

    public ServerPoller(Func<CancellationToken, ValueTask<ServersClient>> servers, TimeSpan interval, TimeProvider time, ILogger logger)
    {
        _servers = servers;
        Interval = interval;
        // Long enough that a burst of servers queued behind Nova's builder (silent while they wait) costs few extra
        // GETs, short enough next to the boot timeout that a vanished server is noticed well before it.
        CheckAfter = TimeSpan.FromTicks(Math.Max(interval.Ticks * 20, TimeSpan.FromSeconds(30).Ticks));
        _time = time;
        _logger = logger;
    }

    /// <summary>The polling period while anyone listens.</summary>
    public TimeSpan Interval { get; }

    /// <summary>How long a waiter may hear nothing before its server is fetched directly.</summary>
    public TimeSpan CheckAfter { get; }

    /// <summary>How many <c>changes-since</c> polls have been sent.</summary>
    public long Polls => Interlocked.Read(ref _polls);

    /// <summary>How many waits are registered now.</summary>
    public int Waiting
    {
        get
        {
            lock (_gate)
            {
                return _waiters.Count;
            }
        }
    }

    /// <summary>
    /// Completes with server <paramref name="id"/> (null once it is gone) as soon as an observation that began after
    /// this call satisfies <paramref name="done"/>; <paramref name="done"/> may throw to fail the wait (an ERROR state,
    /// say). After <paramref name="timeout"/>, throws <see cref="ServerWaitTimeoutException"/> with the last state seen.
    /// A wait the polls say nothing about for <paramref name="checkAfter"/> (default <see cref="CheckAfter"/>) fetches
    /// its server directly.
    /// </summary>
    public async Task<Server?> WaitAsync(string id, Func<Server?, bool> done, TimeSpan timeout, CancellationToken cancellationToken, TimeSpan? checkAfter = null)
    {
        var waiter = new Waiter(id, done, _time.GetUtcNow(), checkAfter ?? CheckAfter);
        lock (_gate)
        {
            _waiters.Add(waiter);
            EnsureRunning();
        }

        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        try
        {
            return await waiter.Result.Task.WaitAsync(deadline.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested && !_stop.IsCancellationRequested)
        {
            throw new ServerWaitTimeoutException(waiter.Last, waiter.HeardAny);
        }
        catch (OperationCanceledException) when (_stop.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            throw BeamException.Unavailable("openstack is stopping");
        }
        finally
        {
            lock (_gate)
            {
                _waiters.Remove(waiter);
            }
        }
    }

    /// <summary>Every batch of servers the polls see changed (deleted ones with status DELETED), from now until cancelled.</summary>
    public async IAsyncEnumerable<IReadOnlyList<Server>> ChangesAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        // Not SingleReader: that variant cannot count its backlog, and the poll loop bounds it by counting.
        var feed = Channel.CreateUnbounded<IReadOnlyList<Server>>(new UnboundedChannelOptions { SingleReader = false, SingleWriter = true });
        lock (_gate)
        {
            _feeds.Add(feed);
            EnsureRunning();
        }

        try
        {
            await foreach (var batch in feed.Reader.ReadAllAsync(cancellationToken).ConfigureAwait(false))
            {
                yield return batch;
            }
        }
        finally
        {
            lock (_gate)
            {
                _feeds.Remove(feed);
            }
        }
    }

    /// <summary>Tells waiters what another call saw; <paramref name="startedAt"/> is when that call began (swarmd's clock).</summary>
    public void Observe(IEnumerable<Server> servers, DateTimeOffset startedAt)
    {
        lock (_gate)
        {
            if (_waiters.Count == 0)
            {
                return;
            }

            foreach (var server in servers)
            {
                Deliver(server.Id, ServerStates.IsGone(server) ? null : server, startedAt);
            }
        }
    }

    /// <summary>Tells waiters that a call which began at <paramref name="startedAt"/> found server <paramref name="id"/> gone.</summary>
    public void ObserveGone(string id, DateTimeOffset startedAt)
    {
        lock (_gate)
        {
            Deliver(id, null, startedAt);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        lock (_gate)
        {
            _wake.TrySetResult();
            foreach (var feed in _feeds)
            {
                feed.Writer.TryComplete(BeamException.Unavailable("openstack is stopping"));
            }
        }

        if (_loop is { } loop)
        {
            await loop.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }

        _stop.Dispose();
    }

    // Under the lock.
    private void EnsureRunning()
    {
        if (_stop.IsCancellationRequested)
        {
            throw BeamException.Unavailable("openstack is stopping");
        }

        _loop ??= Task.Run(LoopAsync);
        _wake.TrySetResult();
    }

    private async Task LoopAsync()
    {
        var token = _stop.Token;
        while (!token.IsCancellationRequested)
        {
            Task wake;
            lock (_gate)
            {
                if (_waiters.Count == 0 && _feeds.Count == 0)
                {
                    // Quiet: no calls to Nova until someone listens again, and the next poll reaches back further.
                    _novaSince = null;
                    _wake = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                }

                wake = _wake.Task;
            }

            try
            {
                await wake.WaitAsync(token).ConfigureAwait(false);
                await Task.Delay(Interval, _time, token).ConfigureAwait(false);
                await PollAsync(token).ConfigureAwait(false);
                await CheckQuietWaitersAsync(token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (token.IsCancellationRequested)
            {
                return;
            }
            catch (BeamException ex)
            {
                // Nova down or refusing: waiters keep waiting (each has its own deadline); try again next interval.
                LogPollFailed(_logger, ex.Message);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                LogPollFailed(_logger, ex.Message);
            }
        }
    }

    private async Task PollAsync(CancellationToken cancellationToken)
    {
        var servers = await _servers(cancellationToken).ConfigureAwait(false);
        var startedAt = _time.GetUtcNow();
        var since = _novaSince is { } last ? last - (_novaClock ? Overlap : LocalOverlap) : startedAt - ColdOverlap;
        Interlocked.Increment(ref _polls);
        var changes = await servers.ChangedSinceAsync(since, cancellationToken).ConfigureAwait(false);
        lock (_gate)
        {
            // Nova's own clock from here on, so skew between swarmd and Nova cannot open a gap.
            _novaSince = changes.NovaTime ?? startedAt;
            _novaClock = changes.NovaTime is not null;
            foreach (var server in changes.Servers)
            {
                Deliver(server.Id, ServerStates.IsGone(server) ? null : server, startedAt);
            }

            foreach (var feed in _feeds)
            {
                if (feed.Reader.Count >= FeedBacklogLimit)
                {
                    feed.Writer.TryComplete(BeamException.Unavailable("the events stream fell too far behind Nova's changes and was closed"));
                }
                else if (changes.Servers.Count > 0)
                {
                    feed.Writer.TryWrite(changes.Servers);
                }
            }
        }
    }

    private async Task CheckQuietWaitersAsync(CancellationToken cancellationToken)
    {
        List<string> quiet;
        var now = _time.GetUtcNow();
        lock (_gate)
        {
            quiet = [.. _waiters.Where(w => now - w.HeardAt >= w.CheckAfter).Select(w => w.Id).Distinct(StringComparer.Ordinal).Take(8)];
        }

        if (quiet.Count == 0)
        {
            return;
        }

        var servers = await _servers(cancellationToken).ConfigureAwait(false);
        foreach (var id in quiet)
        {
            var startedAt = _time.GetUtcNow();
            var server = await servers.GetAsync(id, cancellationToken).ConfigureAwait(false);
            lock (_gate)
            {
                Deliver(id, server is null || ServerStates.IsGone(server) ? null : server, startedAt);
            }
        }
    }

    // Under the lock: hands one observation to the waiters of that server that registered before it began.
    private void Deliver(string id, Server? server, DateTimeOffset startedAt)
    {
        for (var i = _waiters.Count - 1; i >= 0; i--)
        {
            var waiter = _waiters[i];
            if (!string.Equals(waiter.Id, id, StringComparison.Ordinal) || waiter.Since > startedAt || waiter.Result.Task.IsCompleted)
            {
                continue;
            }

            waiter.Last = server;
            waiter.HeardAny = true;
            waiter.HeardAt = _time.GetUtcNow();
            try
            {
                if (waiter.Done(server))
                {
                    waiter.Result.TrySetResult(server);
                }
            }
            catch (Exception ex)
            {
                waiter.Result.TrySetException(ex);
            }
        }
    }

    [LoggerMessage(EventId = 4010, Level = LogLevel.Warning, Message = "Polling Nova for changes failed, will retry: {Reason}")]
    private static partial void LogPollFailed(ILogger logger, string reason);

    private sealed class Waiter(string id, Func<Server?, bool> done, DateTimeOffset since, TimeSpan checkAfter)
    {
        public string Id { get; } = id;

        public TimeSpan CheckAfter { get; } = checkAfter;

        public Func<Server?, bool> Done { get; } = done;

        public DateTimeOffset Since { get; } = since;

        public TaskCompletionSource<Server?> Result { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public Server? Last { get; set; }

        public bool HeardAny { get; set; }

        public DateTimeOffset HeardAt { get; set; } = since;
    }
}
