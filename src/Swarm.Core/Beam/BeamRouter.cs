using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Swarm.Core.Beam;

/// <summary>
/// Routes requests to typed handlers by verb and guarantees the Beam contract: every request gets exactly one
/// terminal reply. A missing handler answers not-implemented, a handler that throws answers Error with a kind,
/// a handler that returns without replying answers internal, a cancelled one answers unavailable. Requests run
/// concurrently, at most <see cref="MaxInFlight"/> at once: beyond that a request is answered at once with
/// <c>Error(unavailable)</c> ("busy"), so a flood costs a reply each, not a running handler each.
/// <see cref="StopAsync"/> cancels those still running and waits for their replies.
/// </summary>
public sealed partial class BeamRouter : IBeamSender, IAsyncDisposable
{
    private readonly Dictionary<Verb, BeamHandler> _handlers = [];
    private readonly CancellationTokenSource _lifetime = new();
    private readonly ILogger _logger;
    private readonly object _gate = new();
    private TaskCompletionSource? _drained;
    private int _inFlight;

    /// <summary>The default of <see cref="MaxInFlight"/>: requests one instance runs at once, long streams included.</summary>
    public const int DefaultMaxInFlight = 1024;

    /// <summary>Creates a router for an object named <paramref name="owner"/> in error messages.</summary>
    public BeamRouter(string owner, ILogger? logger = null, int maxInFlight = DefaultMaxInFlight)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxInFlight, 1);
        Owner = owner;
        MaxInFlight = maxInFlight;
        _logger = logger ?? NullLogger.Instance;
    }

    /// <summary>How many requests run at once; more are refused as unavailable until one ends.</summary>
    public int MaxInFlight { get; }

    /// <summary>How many requests are running now.</summary>
    public int InFlight
    {
        get
        {
            lock (_gate)
            {
                return _inFlight;
            }
        }
    }

    /// <summary>Who answers: used in error messages ("simulator does not implement Pause").</summary>
    public string Owner { get; }

    /// <summary>Registers the handler of a verb, replacing any earlier one.</summary>
    public BeamRouter On(Verb verb, BeamHandler handler)
    {
        ArgumentNullException.ThrowIfNull(handler);
        _handlers[verb] = handler;
        return this;
    }

    /// <summary>A handle whose requests reach this router with <see cref="BeamRequest.Target"/> set to <paramref name="target"/>.</summary>
    public IBeamSender Bind(object target) => new BoundSender(this, target);

    /// <summary>Starts handling a request addressed to the router itself; returns once it is under way.</summary>
    public ValueTask SendAsync(Message message, CancellationToken cancellationToken = default)
    {
        Dispatch(message, target: null);
        return ValueTask.CompletedTask;
    }

    /// <summary>Handles a request and completes when its terminal reply has been sent. Never throws.</summary>
    public Task DispatchAsync(Message message, object? target = null)
    {
        ArgumentNullException.ThrowIfNull(message);
        lock (_gate)
        {
            if (_inFlight >= MaxInFlight)
            {
                return RefuseAsync(message);
            }

            _inFlight++;
        }

        return RunAsync(message, target);
    }

    /// <summary>Cancels requests still running and waits until each has replied.</summary>
    public async Task StopAsync(CancellationToken cancellationToken = default)
    {
        Task drained;
        lock (_gate)
        {
            drained = _inFlight == 0 ? Task.CompletedTask : (_drained ??= new(TaskCreationOptions.RunContinuationsAsynchronously)).Task;
        }

        await _lifetime.CancelAsync().ConfigureAwait(false);
        await drained.WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await StopAsync().ConfigureAwait(false);
        _lifetime.Dispose();
    }

    private void Dispatch(Message message, object? target)
    {
        // Started, not awaited: a slow handler must not hold up the requests behind it.
        _ = DispatchAsync(message, target);
    }

    private async Task RefuseAsync(Message message)
    {
        LogBusy(_logger, Owner, message.Verb, MaxInFlight);
        var request = new BeamRequest(message, null, CancellationToken.None);
        await TryReplyAsync(request, BeamErrorKind.Unavailable, $"{Owner} is busy: {MaxInFlight} requests are running; try again later").ConfigureAwait(false);
    }

    private async Task RunAsync(Message message, object? target)
    {
        using var linked = message.Cancellation.CanBeCanceled
            ? CancellationTokenSource.CreateLinkedTokenSource(message.Cancellation, _lifetime.Token)
            : null;
        var request = new BeamRequest(message, target, linked?.Token ?? _lifetime.Token);
        try
        {
            if (!_handlers.TryGetValue(message.Verb, out var handler))
            {
                throw BeamException.NotImplemented($"{Owner} does not implement {message.Verb}");
            }

            await handler(request).ConfigureAwait(false);
            if (!request.HasReplied)
            {
                LogNoReply(_logger, Owner, message.Verb);
                await TryReplyAsync(request, BeamErrorKind.Internal, $"{Owner} sent no reply to {message.Verb}").ConfigureAwait(false);
            }
        }
        catch (Exception ex) when (!request.HasReplied)
        {
            var (kind, text) = Describe(ex, request);
            if (kind == BeamErrorKind.Internal)
            {
                LogHandlerFailed(_logger, ex, Owner, message.Verb);
            }
            else if (request.CancellationToken.IsCancellationRequested)
            {
                LogCancelled(_logger, Owner, message.Verb);
            }

            await TryReplyAsync(request, kind, text).ConfigureAwait(false);
        }
        catch (OperationCanceledException ex) when (request.CancellationToken.IsCancellationRequested)
        {
            // The caller left (or the instance stopped) as the terminal reply went out: nobody is waiting for it.
            LogReplyLost(_logger, ex, Owner, message.Verb);
        }
        catch (Exception ex)
        {
            LogFailedAfterReply(_logger, ex, Owner, message.Verb);
        }
        finally
        {
            lock (_gate)
            {
                if (--_inFlight == 0)
                {
                    _drained?.TrySetResult();
                    _drained = null;
                }
            }
        }
    }

    private (BeamErrorKind Kind, string Message) Describe(Exception ex, BeamRequest request) => ex switch
    {
        BeamException beam => (beam.Kind, beam.Message),

        // Whatever a cancelled request throws (an OperationCanceledException, or a client library's wrapper of one),
        // it failed because its caller went away or the instance is stopping: not a failure of the handler.
        _ when request.CancellationToken.IsCancellationRequested => (BeamErrorKind.Unavailable, $"{request.Verb} to {Owner} was cancelled"),
        TimeoutException => (BeamErrorKind.Unavailable, $"{Owner} timed out on {request.Verb}: {ex.Message}"),
        ArgumentException => (BeamErrorKind.Invalid, ex.Message),
        FormatException => (BeamErrorKind.Invalid, ex.Message),
        NotSupportedException => (BeamErrorKind.NotImplemented, ex.Message),
        _ => (BeamErrorKind.Internal, $"{Owner} failed on {request.Verb}: {ex.Message}"),
    };

    private async Task TryReplyAsync(BeamRequest request, BeamErrorKind kind, string text)
    {
        try
        {
            await request.ErrorAsync(kind, text).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            // The caller has gone (its reply route closed); there is nobody left to tell.
            LogReplyLost(_logger, ex, Owner, request.Verb);
        }
    }

    [LoggerMessage(EventId = 100, Level = LogLevel.Error, Message = "{Owner} failed on {Verb}")]
    private static partial void LogHandlerFailed(ILogger logger, Exception ex, string owner, Verb verb);

    [LoggerMessage(EventId = 101, Level = LogLevel.Error, Message = "{Owner} returned without replying to {Verb}")]
    private static partial void LogNoReply(ILogger logger, string owner, Verb verb);

    [LoggerMessage(EventId = 102, Level = LogLevel.Warning, Message = "{Owner} failed on {Verb} after its reply was sent")]
    private static partial void LogFailedAfterReply(ILogger logger, Exception ex, string owner, Verb verb);

    [LoggerMessage(EventId = 105, Level = LogLevel.Warning, Message = "{Owner} refused {Verb}: {Limit} requests are running")]
    private static partial void LogBusy(ILogger logger, string owner, Verb verb, int limit);

    [LoggerMessage(EventId = 104, Level = LogLevel.Debug, Message = "{Verb} to {Owner} ended: its caller went away or the instance is stopping")]
    private static partial void LogCancelled(ILogger logger, string owner, Verb verb);

    [LoggerMessage(EventId = 103, Level = LogLevel.Debug, Message = "The reply of {Owner} to {Verb} could not be delivered")]
    private static partial void LogReplyLost(ILogger logger, Exception ex, string owner, Verb verb);

    private sealed class BoundSender(BeamRouter router, object target) : IBeamSender
    {
        public ValueTask SendAsync(Message message, CancellationToken cancellationToken = default)
        {
            router.Dispatch(message, target);
            return ValueTask.CompletedTask;
        }

        public override string ToString() => $"{router.Owner}/{target}";
    }
}
