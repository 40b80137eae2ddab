using System.Globalization;
using Swarm.Core.Containers;

namespace Swarm.Backends.DockerServer.Http;

/// <summary>Docker's spellings of times and states.</summary>
internal static class DockerText
{
    /// <summary>Go's zero time, which dockerd writes for "never".</summary>
    public const string ZeroTime = "0001-01-01T00:00:00Z";

    /// <summary>RFC 3339 with trailing zeros of the fraction trimmed (Go's RFC3339Nano), in UTC.</summary>
    public static string Rfc3339(DateTimeOffset? time) =>
        time is { } t && t != default ? t.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'", CultureInfo.InvariantCulture) : ZeroTime;

    /// <summary>The fixed-width timestamp <c>docker logs -t</c> prints (nine fraction digits).</summary>
    public static string LogTimestamp(DateTimeOffset time) =>
        time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'00Z'", CultureInfo.InvariantCulture);

    /// <summary>Lower-case state name (<c>State.Status</c>, list <c>State</c>).</summary>
    public static string State(ContainerStatus status) => status switch
    {
        ContainerStatus.Created => "created",
        ContainerStatus.Running => "running",
        ContainerStatus.Paused => "paused",
        ContainerStatus.Restarting => "restarting",
        ContainerStatus.Removing => "removing",
        ContainerStatus.Exited => "exited",
        _ => "dead",
    };

    /// <summary>
    /// The list's <c>Status</c> column: <c>Up 5 seconds</c>, <c>Exited (0) 2 minutes ago</c>, with the backend's
    /// <see cref="ContainerState.Detail"/> in brackets after it (<c>Up 2 seconds (booting)</c>).
    /// </summary>
    public static string Status(ContainerState state, DateTimeOffset now) =>
        state.Detail is { Length: > 0 } detail ? $"{BaseStatus(state, now)} ({detail})" : BaseStatus(state, now);

    private static string BaseStatus(ContainerState state, DateTimeOffset now) => state.Status switch
    {
        ContainerStatus.Created => "Created",
        ContainerStatus.Running => "Up " + Human(now - (state.StartedAt ?? now)),
        ContainerStatus.Paused => "Up " + Human(now - (state.StartedAt ?? now)) + " (Paused)",
        ContainerStatus.Restarting => string.Create(CultureInfo.InvariantCulture, $"Restarting ({state.ExitCode}) {Human(now - (state.FinishedAt ?? now))} ago"),
        ContainerStatus.Removing => "Removal In Progress",
        ContainerStatus.Exited => state.FinishedAt is { } finished
            ? string.Create(CultureInfo.InvariantCulture, $"Exited ({state.ExitCode}) {Human(now - finished)} ago")
            : string.Create(CultureInfo.InvariantCulture, $"Exited ({state.ExitCode})"),
        _ => "Dead",
    };

    /// <summary>
    /// When <see cref="Status"/> may next read otherwise than it does at <paramref name="now"/>, or
    /// <see cref="DateTimeOffset.MaxValue"/> when it does not depend on the clock. Its clock part (<see cref="Human"/>)
    /// is a function of the whole seconds since the container started (running, paused) or stopped (restarting,
    /// exited), so it holds until the next whole second after that instant: a body rendered at <paramref name="now"/>
    /// is what rendering again would give until then.
    /// </summary>
    public static DateTimeOffset StatusChangesAt(ContainerState state, DateTimeOffset now)
    {
        var since = state.Status switch
        {
            ContainerStatus.Running or ContainerStatus.Paused => state.StartedAt,
            ContainerStatus.Restarting or ContainerStatus.Exited => state.FinishedAt,
            _ => null,
        };
        if (since is not { } t)
        {
            return DateTimeOffset.MaxValue;
        }

        // Before the start (a clock that went back) the text is "Less than a second" until one second after it.
        var whole = Math.Max(0, (now - t).Ticks / TimeSpan.TicksPerSecond);
        var next = t.UtcTicks + ((whole + 1) * TimeSpan.TicksPerSecond);
        return next >= DateTimeOffset.MaxValue.UtcTicks ? DateTimeOffset.MaxValue : new DateTimeOffset(next, TimeSpan.Zero);
    }

    /// <summary>
    /// Docker's human duration (go-units <c>HumanDuration</c>). In whole ticks, not floating point, so it changes
    /// exactly at whole seconds of <paramref name="d"/> (<see cref="StatusChangesAt"/> relies on it).
    /// </summary>
    public static string Human(TimeSpan d)
    {
        var seconds = d.Ticks / TimeSpan.TicksPerSecond;
        if (seconds < 1)
        {
            return "Less than a second";
        }

        if (seconds == 1)
        {
            return "1 second";
        }

        if (seconds < 60)
        {
            return Count(seconds, "seconds");
        }

        var minutes = d.Ticks / TimeSpan.TicksPerMinute;
        if (minutes == 1)
        {
            return "About a minute";
        }

        if (minutes < 60)
        {
            return Count(minutes, "minutes");
        }

        // Rounded half away from zero, as Go's Hours() then int(math.Round(...)): d is positive here.
        var hours = (d.Ticks + (TimeSpan.TicksPerHour / 2)) / TimeSpan.TicksPerHour;
        return hours switch
        {
            1 => "About an hour",
            < 48 => Count(hours, "hours"),
            < 24 * 7 * 2 => Count(hours / 24, "days"),
            < 24 * 30 * 2 => Count(hours / 24 / 7, "weeks"),
            < 24 * 365 * 2 => Count(hours / 24 / 30, "months"),
            _ => Count(hours / 24 / 365, "years"),
        };
    }

    private static string Count(long n, string unit) => string.Create(CultureInfo.InvariantCulture, $"{n} {unit}");
}
