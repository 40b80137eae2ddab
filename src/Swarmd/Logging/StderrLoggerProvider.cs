using Microsoft.Extensions.Logging;

namespace Swarmd.Logging;

/// <summary>
/// swarmd's log lines, one per entry, on stderr (or any writer): plain for people, JSON for collectors. Levels and
/// filters are the logging builder's; this only formats and writes, synchronously and whole lines at a time.
/// </summary>
/// <remarks>
/// Stands in for Microsoft.Extensions.Logging.Console, whose options monitors, three formatters and queue thread cost
/// a Native AOT swarmd more start-up time than everything else it does (docs/benchmarks.md). The JSON has that console JSON
/// formatter's shape (Timestamp, EventId, LogLevel, Category, Message, Exception, State), so collectors parse both alike.
/// </remarks>
internal sealed class StderrLoggerProvider : ILoggerProvider
{
    private readonly Lock _gate = new();
    private readonly TextWriter _output;
    private readonly LogLineFormatter _formatter;

    /// <summary>Logs to stderr, colouring plain levels when stderr is a terminal (and NO_COLOR is not set).</summary>
    public StderrLoggerProvider(LogFormat format)
        : this(format, Console.Error, colors: format == LogFormat.Plain && !Console.IsErrorRedirected && Environment.GetEnvironmentVariable("NO_COLOR") is null)
    {
    }

    /// <summary>Logs to <paramref name="output"/>.</summary>
    public StderrLoggerProvider(LogFormat format, TextWriter output, bool colors = false, TimeProvider? time = null)
    {
        _output = output;
        _formatter = new LogLineFormatter(format, colors, time ?? TimeProvider.System);
    }

    public ILogger CreateLogger(string categoryName) => new LineLogger(this, categoryName);

    public void Dispose()
    {
    }

    private void Write(string line)
    {
        lock (_gate)
        {
            _output.Write(line);
            _output.Flush();
        }
    }

    private sealed class LineLogger(StderrLoggerProvider provider, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        // The factory's rules (minimum level, per-category filters) decide before this is asked.
        public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (IsEnabled(logLevel))
            {
                provider.Write(provider._formatter.Format(logLevel, category, eventId, formatter(state, exception), exception, state as IReadOnlyList<KeyValuePair<string, object?>>));
            }
        }
    }
}
