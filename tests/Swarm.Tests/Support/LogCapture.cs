using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Swarm.Tests.Support;

/// <summary>A logger provider that keeps every line at or above a level, with its category, event id and exception.</summary>
public sealed class LogCapture : ILoggerProvider
{
    private readonly ConcurrentQueue<Entry> _entries = new();

    public LogCapture(LogLevel minimum = LogLevel.Debug) => Minimum = minimum;

    public LogLevel Minimum { get; }

    public IReadOnlyList<Entry> Entries => [.. _entries];

    /// <summary>Lines at warning or above, for assertion messages.</summary>
    public IEnumerable<Entry> Problems => _entries.Where(e => e.Level >= LogLevel.Warning);

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void Dispose()
    {
    }

    public sealed record Entry(LogLevel Level, string Category, int EventId, string Message, Exception? Exception)
    {
        public override string ToString() => $"{Level} {Category}[{EventId}] {Message}{(Exception is null ? "" : " " + Exception.GetType().Name + ": " + Exception.Message)}";
    }

    private sealed class Logger(LogCapture owner, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= owner.Minimum;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (IsEnabled(logLevel))
            {
                owner._entries.Enqueue(new Entry(logLevel, category, eventId.Id, formatter(state, exception), exception));
            }
        }
    }
}
