using Microsoft.Extensions.Logging;

namespace Swarmd;

/// <summary>swarmd's own log lines (category <c>Swarmd</c>, events 1-9).</summary>
internal static partial class SwarmdLog
{
    [LoggerMessage(EventId = 1, Level = LogLevel.Information, Message = "Running {Chain}")]
    public static partial void Running(ILogger logger, string chain);

    [LoggerMessage(EventId = 2, Level = LogLevel.Information, Message = "Stopping on {Signal}")]
    public static partial void Stopping(ILogger logger, string signal);

    [LoggerMessage(EventId = 3, Level = LogLevel.Information, Message = "Stopped")]
    public static partial void Stopped(ILogger logger);
}
