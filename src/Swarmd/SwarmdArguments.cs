using Microsoft.Extensions.Logging;
using Swarmd.Logging;

namespace Swarmd;

/// <summary>swarmd's command line: its own options, and one spec per remaining argument.</summary>
internal sealed record SwarmdArguments(bool Help, bool Version, LogLevel LogLevel, LogFormat LogFormat, IReadOnlyList<string> Specs)
{
    public static SwarmdArguments Parse(IReadOnlyList<string> args)
    {
        var help = false;
        var version = false;
        var level = LogLevel.Information;
        var format = LogFormat.Plain;
        var specs = new List<string>();
        for (var i = 0; i < args.Count; i++)
        {
            var arg = args[i];
            switch (arg)
            {
                case "-h" or "--help":
                    help = true;
                    break;
                case "-v" or "--version":
                    version = true;
                    break;
                case "--log-level" or "-l":
                    level = ParseLevel(i + 1 < args.Count ? args[++i] : throw new ArgumentException("--log-level needs a value: trace, debug, information, warning, error"));
                    break;
                case var _ when arg.StartsWith("--log-level=", StringComparison.Ordinal):
                    level = ParseLevel(arg["--log-level=".Length..]);
                    break;
                case "--log-format":
                    format = ParseFormat(i + 1 < args.Count ? args[++i] : throw new ArgumentException("--log-format needs a value: plain or json"));
                    break;
                case var _ when arg.StartsWith("--log-format=", StringComparison.Ordinal):
                    format = ParseFormat(arg["--log-format=".Length..]);
                    break;
                case var _ when arg.StartsWith('-'):
                    throw new ArgumentException($"unknown option {arg} (see swarmd --help)");
                default:
                    specs.Add(arg);
                    break;
            }
        }

        return new SwarmdArguments(help, version, level, format, specs);
    }

    private static LogFormat ParseFormat(string text) => text.ToUpperInvariant() switch
    {
        "PLAIN" or "TEXT" => LogFormat.Plain,
        "JSON" => LogFormat.Json,
        _ => throw new ArgumentException($"--log-format takes plain or json, not '{text}'"),
    };

    private static LogLevel ParseLevel(string text) => text.ToUpperInvariant() switch
    {
        "TRACE" => LogLevel.Trace,
        "DEBUG" => LogLevel.Debug,
        "INFO" or "INFORMATION" => LogLevel.Information,
        "WARN" or "WARNING" => LogLevel.Warning,
        "ERROR" => LogLevel.Error,
        "NONE" or "QUIET" => LogLevel.None,
        _ => throw new ArgumentException($"--log-level takes trace, debug, information, warning, error or none, not '{text}'"),
    };
}
