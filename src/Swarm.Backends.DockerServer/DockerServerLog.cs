using Microsoft.Extensions.Logging;

namespace Swarm.Backends.DockerServer;

/// <summary>The log lines of <c>dockerserver</c> (event ids 300-399).</summary>
internal static partial class DockerServerLog
{
    [LoggerMessage(EventId = 300, Level = LogLevel.Information, Message = "dockerserver listening on {Address}")]
    public static partial void Listening(ILogger logger, string address);

    [LoggerMessage(EventId = 301, Level = LogLevel.Warning, Message = "!!! dockerserver is binding {Address} WITHOUT TLS: anyone who can reach it controls every container of the backend. Use --tlsverify --tlscacert --tlscert --tlskey, or listen on 127.0.0.1 or a unix socket !!!")]
    public static partial void InsecureListener(ILogger logger, string address);

    [LoggerMessage(EventId = 303, Level = LogLevel.Error, Message = "dockerserver failed on {Method} {Path}")]
    public static partial void RequestFailed(ILogger logger, Exception ex, string method, string path);

    [LoggerMessage(EventId = 304, Level = LogLevel.Debug, Message = "dockerserver stream {Method} {Path} ended by {Reason}")]
    public static partial void StreamEnded(ILogger logger, string method, string path, string reason);

    [LoggerMessage(EventId = 305, Level = LogLevel.Debug, Message = "dockerserver: the client broke off {Method} {Path}: {Reason}")]
    public static partial void ClientBrokeOff(ILogger logger, string method, string path, string reason);

    [LoggerMessage(EventId = 306, Level = LogLevel.Warning, Message = "!!! dockerserver is binding {Address} with TLS but without --tlsverify: anyone who can reach it controls every container of the backend (TLS hides the traffic, it does not check who connects). Add --tlsverify --tlscacert, or listen on 127.0.0.1 or a unix socket !!!")]
    public static partial void UnverifiedTlsListener(ILogger logger, string address);

    [LoggerMessage(EventId = 307, Level = LogLevel.Debug, Message = "dockerserver request {Method} {Path}")]
    public static partial void Request(ILogger logger, string method, string path);
}
