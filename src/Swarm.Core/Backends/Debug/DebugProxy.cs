using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Swarm.Core.Beam;

namespace Swarm.Core.Backends.Debug;

/// <summary>
/// Forwards requests to <c>target</c> and logs them; each request's replies pass through a
/// <see cref="DebugReplies"/> that logs them and wraps any handle they carry in another proxy.
/// </summary>
internal sealed partial class DebugProxy(IBeamSender target, string name, ILogger logger, LogLevel level) : IBeamSender
{
    public ValueTask SendAsync(Message message, CancellationToken cancellationToken = default)
    {
        LogRequest(logger, level, name, message.Verb, Summarize(message));
        var replies = message.Ret is null ? null : new DebugReplies(this, message, Stopwatch.GetTimestamp());
        return target.SendAsync(replies is null ? message : message with { Ret = replies }, cancellationToken);
    }

    internal DebugProxy Wrap(IBeamSender handle, string handleName) => new(handle, handleName, logger, level);

    internal void Replied(Message request, Message reply, long started)
    {
        var elapsed = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        if (reply.Verb == Verb.Error)
        {
            LogError(logger, name, request.Verb, reply.Arg(0) ?? "", reply.Arg(1) ?? "", elapsed);
        }
        else
        {
            LogReply(logger, level, name, request.Verb, Summarize(reply), elapsed);
        }
    }

    // Arguments can be large (a list of 100 containers); the log keeps the first part of each.
    private static string Summarize(Message message)
    {
        const int Max = 200;
        var text = string.Join(' ', message.Args.Select(a => a.Length > Max ? string.Concat(a.AsSpan(0, Max), "…") : a));
        return message.Args.Length > 10 ? $"[{message.Args.Length} args] {text[..Math.Min(text.Length, 2000)]}" : text;
    }

    [LoggerMessage(EventId = 200, Message = "-> {Target} {Verb} {Args}")]
    private static partial void LogRequest(ILogger logger, LogLevel level, string target, Verb verb, string args);

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
                message = message with { Ret = proxy.Wrap(handle, message.Arg(0) ?? "handle") };
            }

            return request.Ret!.SendAsync(message, cancellationToken);
        }
    }
}
