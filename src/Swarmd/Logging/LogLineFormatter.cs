using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Logging;

namespace Swarmd.Logging;

/// <summary>Turns one log entry into one line (with its newline): plain or JSON.</summary>
internal sealed class LogLineFormatter(LogFormat format, bool colors, TimeProvider time)
{
    private const string Reset = "\u001b[0m";

    public string Format(LogLevel level, string category, EventId eventId, string message, Exception? exception, IReadOnlyList<KeyValuePair<string, object?>>? state) =>
        format == LogFormat.Json ? Json(level, category, eventId, message, exception, state) : Plain(level, category, eventId, message, exception);

    /// <summary><c>15:28:09.460 info: Swarm.DockerServer[300] dockerserver listening on tcp://127.0.0.1:4243</c>, all on one line.</summary>
    private string Plain(LogLevel level, string category, EventId eventId, string message, Exception? exception)
    {
        var line = new StringBuilder(64 + message.Length);
        line.Append(time.GetLocalNow().ToString("HH:mm:ss.fff ", CultureInfo.InvariantCulture));
        var (name, color) = Level(level);
        line.Append(colors ? color + name + Reset : name).Append(": ").Append(category).Append('[').Append(eventId.Id).Append("] ");
        line.Append(OneLine(message));
        if (exception is not null)
        {
            line.Append(' ').Append(OneLine(exception.ToString()));
        }

        return line.Append('\n').ToString();
    }

    private string Json(LogLevel level, string category, EventId eventId, string message, Exception? exception, IReadOnlyList<KeyValuePair<string, object?>>? state)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("Timestamp", time.GetUtcNow().ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture));
            json.WriteNumber("EventId", eventId.Id);
            json.WriteString("LogLevel", level.ToString());
            json.WriteString("Category", category);
            json.WriteString("Message", message);
            if (exception is not null)
            {
                json.WriteString("Exception", exception.ToString());
            }

            if (state is { Count: > 0 })
            {
                json.WriteStartObject("State");
                foreach (var (key, value) in state)
                {
                    WriteValue(json, key, value);
                }

                json.WriteEndObject();
            }

            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan) + "\n";
    }

    private static void WriteValue(Utf8JsonWriter json, string key, object? value)
    {
        switch (value)
        {
            case null:
                json.WriteNull(key);
                break;
            case bool b:
                json.WriteBoolean(key, b);
                break;
            case int or long or short or byte or uint or ulong or ushort or sbyte:
                json.WriteNumber(key, Convert.ToInt64(value, CultureInfo.InvariantCulture));
                break;
            case double or float or decimal:
                json.WriteNumber(key, Convert.ToDouble(value, CultureInfo.InvariantCulture));
                break;
            default:
                json.WriteString(key, Convert.ToString(value, CultureInfo.InvariantCulture));
                break;
        }
    }

    private static string OneLine(string text) => text.Contains('\n') ? text.ReplaceLineEndings(" ") : text;

    // The level names and colours of Microsoft.Extensions.Logging's simple console formatter.
    private static (string Name, string Color) Level(LogLevel level) => level switch
    {
        LogLevel.Trace => ("trce", "\u001b[90m"),
        LogLevel.Debug => ("dbug", "\u001b[90m"),
        LogLevel.Information => ("info", "\u001b[32m"),
        LogLevel.Warning => ("warn", "\u001b[1m\u001b[33m"),
        LogLevel.Error => ("fail", "\u001b[1m\u001b[31m"),
        _ => ("crit", "\u001b[1m\u001b[37m\u001b[41m"),
    };
}
