using System.Globalization;

namespace Swarm.Core.Containers;

/// <summary>Spellings shared by both ends of the container verbs (see <c>docs/beam-protocol.md</c>).</summary>
public static class BeamWire
{
    /// <summary>Writes a time as ISO 8601 round-trip text.</summary>
    public static string Time(DateTimeOffset time) => time.ToString("O", CultureInfo.InvariantCulture);

    /// <summary>Writes an optional time; empty when absent.</summary>
    public static string Time(DateTimeOffset? time) => time is { } t ? Time(t) : "";

    /// <summary>Parses an optional time written by <see cref="Time(DateTimeOffset?)"/>.</summary>
    public static DateTimeOffset? ParseTime(string? text) =>
        string.IsNullOrEmpty(text) ? null : DateTimeOffset.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind);

    /// <summary>Writes an optional timeout as whole seconds; empty when absent.</summary>
    public static string Seconds(TimeSpan? timeout) =>
        timeout is { } t ? ((long)t.TotalSeconds).ToString(CultureInfo.InvariantCulture) : "";

    /// <summary>Parses an optional timeout in seconds; a negative one means "no limit" and is absent.</summary>
    public static TimeSpan? ParseSeconds(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return null;
        }

        if (!long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var seconds))
        {
            throw Beam.BeamException.Invalid($"a timeout must be whole seconds, not '{text}'");
        }

        return seconds < 0 ? null : TimeSpan.FromSeconds(seconds);
    }

    /// <summary>The wire name of a wait condition (Docker's spelling).</summary>
    public static string Condition(WaitCondition condition) => condition switch
    {
        WaitCondition.NextExit => "next-exit",
        WaitCondition.Removed => "removed",
        _ => "not-running",
    };

    /// <summary>Parses a wait condition; empty means not-running, as in Docker.</summary>
    public static WaitCondition ParseCondition(string? text) => text switch
    {
        null or "" or "not-running" => WaitCondition.NotRunning,
        "next-exit" => WaitCondition.NextExit,
        "removed" => WaitCondition.Removed,
        _ => throw Beam.BeamException.Invalid($"invalid condition: \"{text}\""),
    };

    /// <summary>The wire name of a log stream.</summary>
    public static string Stream(LogStream stream) => stream switch
    {
        LogStream.Stdin => "stdin",
        LogStream.Stderr => "stderr",
        _ => "stdout",
    };

    /// <summary>Parses a log stream name.</summary>
    public static LogStream ParseStream(string? text) => text switch
    {
        "stdin" => LogStream.Stdin,
        "stderr" => LogStream.Stderr,
        _ => LogStream.Stdout,
    };
}
