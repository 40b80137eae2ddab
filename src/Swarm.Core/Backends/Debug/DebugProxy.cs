using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Swarm.Core.Beam;

namespace Swarm.Core.Backends.Debug;

/// <summary>
/// Forwards requests to <c>target</c> and logs them; each request's replies pass through a
/// <see cref="DebugReplies"/> that logs them and wraps any handle they carry in another proxy. Bodies are rendered
/// only when the log level is on, with env and label values masked unless <c>showValues</c>.
/// </summary>
internal sealed partial class DebugProxy(IBeamSender target, string name, ILogger logger, LogLevel level, bool showValues) : IBeamSender
{
    public ValueTask SendAsync(Message message, CancellationToken cancellationToken = default)
    {
        if (logger.IsEnabled(level))
        {
            LogRequest(logger, level, name, Describe(message));
        }

        var replies = message.Ret is null ? null : new DebugReplies(this, message, Stopwatch.GetTimestamp());
        return target.SendAsync(replies is null ? message : message.WithRet(replies), cancellationToken);
    }

    internal DebugProxy Wrap(IBeamSender handle, string handleName) => new(handle, handleName, logger, level, showValues);

    internal void Replied(Message request, Message reply, long started)
    {
        var elapsed = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        if (reply.Body is ErrorBody error && !request.Cancellation.IsCancellationRequested)
        {
            LogError(logger, name, request.Verb, error.Kind.ToWire(), error.Text, elapsed);
        }
        else if (reply.Body is ErrorBody && logger.IsEnabled(LogLevel.Debug))
        {
            // The caller went away (a client leaving a stream): not a problem worth a warning.
            LogReply(logger, LogLevel.Debug, name, request.Verb, Describe(reply), elapsed);
        }
        else if (logger.IsEnabled(level))
        {
            LogReply(logger, level, name, request.Verb, Describe(reply), elapsed);
        }
    }

    // Bodies can be large (a list of 100 containers): the line keeps the first part of each argument.
    private string Describe(Message message) =>
        BeamCodec.Describe(message.Verb, message.Body, redact: !showValues);

    [LoggerMessage(EventId = 200, Message = "-> {Target} {Request}")]
    private static partial void LogRequest(ILogger logger, LogLevel level, string target, string request);

    [LoggerMessage(EventId = 201, Message = "<- {Target} {Verb}: {Reply} ({ElapsedMs:0.0} ms)")]
    private static partial void LogReply(ILogger logger, LogLevel level, string target, Verb verb, string reply, double elapsedMs);

    [LoggerMessage(EventId = 202, Level = LogLevel.Warning, Message = "<- {Target} {Verb}: Error {Kind}: {Text} ({ElapsedMs:0.0} ms)")]
    private static partial void LogError(ILogger logger, string target, Verb verb, string kind, string text, double elapsedMs);

    private sealed class DebugReplies(DebugProxy proxy, Message request, long started) : IBeamSender
    {
        public ValueTask SendAsync(Message message, CancellationToken cancellationToken = default)
        {
            if (message.Verb.IsTerminalReply())
            {
                proxy.Replied(request, message, started);
            }

            if (message.Ret is { } handle)
            {
                var handleName = message.Body is ContainerBody c ? c.Record.Id : "handle";
                message = message.WithRet(proxy.Wrap(handle, handleName));
            }

            return request.Ret!.SendAsync(message, cancellationToken);
        }
    }
}
