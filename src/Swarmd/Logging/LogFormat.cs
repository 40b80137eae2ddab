namespace Swarmd.Logging;

/// <summary>How swarmd writes its log lines to stderr.</summary>
internal enum LogFormat
{
    /// <summary>One line per entry: time, level, category[event id], message (the default, for people).</summary>
    Plain,

    /// <summary>One JSON object per line (Microsoft.Extensions.Logging's JSON console formatter), for log collectors.</summary>
    Json,
}
