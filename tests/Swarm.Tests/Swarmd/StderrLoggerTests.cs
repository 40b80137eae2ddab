using System.Text.Json;
using Microsoft.Extensions.Logging;
using Swarm.Tests.Openstack;
using Swarmd.Logging;

namespace Swarm.Tests.Swarmd;

/// <summary>swarmd's log lines: one per entry, plain or JSON, through the logging builder's levels and filters.</summary>
public sealed partial class StderrLoggerTests
{
    private static readonly ManualTime Clock = new(new DateTimeOffset(2026, 12, 1, 14, 5, 6, 789, TimeSpan.Zero));

    [Test]
    public void Plain_Entry_TimeLevelCategoryEventAndMessageOnOneLine()
    {
        var output = Log(LogFormat.Plain, logger => Listening(logger, "tcp://127.0.0.1:4243"));

        Assert.That(output, Does.Match(@"^\d\d:\d\d:\d\d\.\d{3} info: Test\.Category\[300\] listening on tcp://127\.0\.0\.1:4243\n$"));
    }

    [Test]
    public void Plain_Exception_StaysOnTheEntrysLine()
    {
        var output = Log(LogFormat.Plain, logger => logger.LogError(new EventId(7), new InvalidOperationException("first\nsecond"), "broke"));

        Assert.That(output.TrimEnd('\n'), Does.Not.Contain('\n'));
        Assert.That(output, Does.Contain("fail: Test.Category[7] broke System.InvalidOperationException: first second"));
    }

    [Test]
    public void Json_Entry_ObjectWithTheConsoleJsonFormattersFields()
    {
        var output = Log(LogFormat.Json, logger => Listening(logger, "unix:///run/swarmd.sock"));

        Assert.That(output, Does.EndWith("}\n"));
        var entry = JsonDocument.Parse(output).RootElement;
        Assert.That(entry.GetProperty("Timestamp").GetString(), Is.EqualTo("2026-12-01T14:05:06.789Z"));
        Assert.That(entry.GetProperty("EventId").GetInt32(), Is.EqualTo(300));
        Assert.That(entry.GetProperty("LogLevel").GetString(), Is.EqualTo("Information"));
        Assert.That(entry.GetProperty("Category").GetString(), Is.EqualTo("Test.Category"));
        Assert.That(entry.GetProperty("Message").GetString(), Is.EqualTo("listening on unix:///run/swarmd.sock"));
        Assert.That(entry.GetProperty("State").GetProperty("Address").GetString(), Is.EqualTo("unix:///run/swarmd.sock"));
        Assert.That(entry.GetProperty("State").GetProperty("{OriginalFormat}").GetString(), Is.EqualTo("listening on {Address}"));
    }

    [Test]
    public void Json_NumbersAndExceptions_KeepTheirTypes()
    {
        var output = Log(LogFormat.Json, logger => Retrying(logger, new TimeoutException("slow"), 3, 250));

        var entry = JsonDocument.Parse(output).RootElement;
        Assert.That(entry.GetProperty("State").GetProperty("Attempt").ValueKind, Is.EqualTo(JsonValueKind.Number));
        Assert.That(entry.GetProperty("State").GetProperty("DelayMs").GetInt64(), Is.EqualTo(250));
        Assert.That(entry.GetProperty("Exception").GetString(), Does.StartWith("System.TimeoutException: slow"));
        Assert.That(entry.GetProperty("LogLevel").GetString(), Is.EqualTo("Warning"));
    }

    [Test]
    public void Levels_BelowTheMinimumOrFiltered_WriteNothing()
    {
        var output = Log(LogFormat.Plain, logger => logger.LogDebug("hidden"), LogLevel.Information);

        Assert.That(output, Is.Empty);
    }

    [LoggerMessage(EventId = 300, Level = LogLevel.Information, Message = "listening on {Address}")]
    private static partial void Listening(ILogger logger, string address);

    [LoggerMessage(EventId = 4005, Level = LogLevel.Warning, Message = "retry {Attempt} in {DelayMs} ms")]
    private static partial void Retrying(ILogger logger, Exception exception, int attempt, long delayMs);

    private static string Log(LogFormat format, Action<ILogger> write, LogLevel minimum = LogLevel.Trace)
    {
        var output = new StringWriter();
        using (var factory = LoggerFactory.Create(b => b.SetMinimumLevel(minimum).AddProvider(new StderrLoggerProvider(format, output, time: Clock))))
        {
            write(factory.CreateLogger("Test.Category"));
        }

        return output.ToString();
    }
}
