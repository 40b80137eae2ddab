using System.Globalization;
using System.Text;
using Swarm.Core.Containers;

namespace Swarm.Core.Backends.Simulator;

/// <summary>
/// What a simulated container "runs": a tiny interpreter for the commands tests and demos use
/// (<c>echo</c>, <c>sleep</c>, <c>exit</c>, <c>cat</c>, <c>sh -c 'a; b &amp;&amp; c'</c>, <c>env</c>, <c>hostname</c>)
/// and long-running daemons (<c>/sbin/init</c>, <c>top</c>, <c>tail -f</c>). Anything else exits 127,
/// as a missing executable does.
/// </summary>
internal sealed class SimProgram(SimProgram.Io io, TimeProvider time)
{
    /// <summary>What a program can touch: its output, its stdin, its environment.</summary>
    internal sealed record Io(Action<LogStream, string> Write, Func<Stream?> Stdin, IReadOnlyList<string> Env, string Hostname);

    /// <summary>The longest single timer wait (Task.Delay refuses more than about 49 days); longer sleeps chain them.</summary>
    private static readonly TimeSpan LongestTimer = TimeSpan.FromDays(24);

    public async Task<int> RunAsync(IReadOnlyList<string> argv, CancellationToken cancellationToken)
    {
        try
        {
            return await RunCommandAsync(argv, cancellationToken).ConfigureAwait(false);
        }
        catch (SwarmSpecException)
        {
            // BackendSpec.Split's complaint: a quote left open in a script.
            io.Write(LogStream.Stderr, "sh: syntax error: unterminated quoted string\n");
            return 2;
        }
    }

    private async Task<int> RunCommandAsync(IReadOnlyList<string> argv, CancellationToken cancellationToken)
    {
        if (argv.Count == 0)
        {
            return 0;
        }

        var name = Path.GetFileName(argv[0]);
        var args = argv.Skip(1).ToArray();
        switch (name)
        {
            case "sh" or "bash" or "ash" when args is ["-c", var script, ..]:
                return await RunScriptAsync(script, cancellationToken).ConfigureAwait(false);
            case "sh" or "bash" or "ash":
                return await RunStdinScriptAsync(cancellationToken).ConfigureAwait(false);
            case "echo":
                Echo(args);
                return 0;
            case "printf":
                io.Write(LogStream.Stdout, Unescape(string.Join(' ', args)));
                return 0;
            case "sleep":
                return await SleepAsync(args, cancellationToken).ConfigureAwait(false);
            case "exit":
                return args.Length > 0 && int.TryParse(args[0], NumberStyles.Integer, CultureInfo.InvariantCulture, out var code) ? code & 0xFF : 0;
            case "true":
                return 0;
            case "false":
                return 1;
            case "cat":
                return await CatAsync(cancellationToken).ConfigureAwait(false);
            case "env":
                foreach (var variable in io.Env)
                {
                    io.Write(LogStream.Stdout, variable + "\n");
                }

                return 0;
            case "hostname":
                io.Write(LogStream.Stdout, io.Hostname + "\n");
                return 0;
            case "init" or "top" or "tail" or "nginx" or "httpd":
                io.Write(LogStream.Stdout, $"{argv[0]}: running (simulated; stops on stop or kill)\n");
                await Task.Delay(Timeout.InfiniteTimeSpan, time, cancellationToken).ConfigureAwait(false);
                return 0;
            default:
                io.Write(LogStream.Stderr, $"{argv[0]}: command not found\n");
                return 127;
        }
    }

    private async Task<int> RunScriptAsync(string script, CancellationToken cancellationToken)
    {
        var status = 0;
        foreach (var (command, onlyIfOk) in SplitScript(script))
        {
            if (onlyIfOk && status != 0)
            {
                continue;
            }

            var words = Backends.BackendSpec.Split(command);
            if (words is ["exit", ..])
            {
                return await RunCommandAsync(words, cancellationToken).ConfigureAwait(false);
            }

            status = await RunCommandAsync(words, cancellationToken).ConfigureAwait(false);
        }

        return status;
    }

    private async Task<int> RunStdinScriptAsync(CancellationToken cancellationToken)
    {
        if (io.Stdin() is not { } stdin)
        {
            return 0;
        }

        using var reader = new StreamReader(stdin, Encoding.UTF8, leaveOpen: true);
        var status = 0;
        while (await reader.ReadLineAsync(cancellationToken).ConfigureAwait(false) is { } line)
        {
            status = await RunScriptAsync(line, cancellationToken).ConfigureAwait(false);
        }

        return status;
    }

    private void Echo(string[] args)
    {
        var newline = !(args.Length > 0 && args[0] == "-n");
        var words = args.Where(a => a is not ("-n" or "-e" or ">&2" or "1>&2")).ToArray();
        var stream = args.Any(a => a is ">&2" or "1>&2") ? LogStream.Stderr : LogStream.Stdout;
        io.Write(stream, string.Join(' ', words) + (newline ? "\n" : ""));
    }

    // GNU sleep: the arguments (NUMBER with an optional s, m, h or d, or infinity) are added up. However long
    // (a year, 1e300 s), it sleeps until stopped rather than failing as one timer would.
    private async Task<int> SleepAsync(string[] args, CancellationToken cancellationToken)
    {
        if (args.Length == 0)
        {
            io.Write(LogStream.Stderr, "sleep: missing operand\n");
            return 1;
        }

        var seconds = 0.0;
        foreach (var arg in args)
        {
            if (SleepSeconds(arg) is not { } part)
            {
                io.Write(LogStream.Stderr, $"sleep: invalid time interval '{arg}'\n");
                return 1;
            }

            seconds += part;
        }

        if (seconds >= TimeSpan.MaxValue.TotalSeconds)
        {
            await Task.Delay(Timeout.InfiniteTimeSpan, time, cancellationToken).ConfigureAwait(false);
            return 0;
        }

        for (var left = TimeSpan.FromSeconds(seconds); left > TimeSpan.Zero; left -= LongestTimer)
        {
            await Task.Delay(left < LongestTimer ? left : LongestTimer, time, cancellationToken).ConfigureAwait(false);
        }

        return 0;
    }

    private static double? SleepSeconds(string arg)
    {
        if (arg is "inf" or "infinity")
        {
            return double.PositiveInfinity;
        }

        var unit = arg.Length == 0 ? 0 : arg[^1] switch { 's' => 1, 'm' => 60, 'h' => 3600, 'd' => 86400, _ => 0 };
        var number = unit == 0 ? arg : arg[..^1];
        return double.TryParse(number, NumberStyles.AllowDecimalPoint | NumberStyles.AllowExponent, CultureInfo.InvariantCulture, out var value)
            && double.IsFinite(value)
            ? value * Math.Max(unit, 1)
            : null;
    }

    private async Task<int> CatAsync(CancellationToken cancellationToken)
    {
        if (io.Stdin() is not { } stdin)
        {
            return 0;
        }

        var buffer = new byte[4096];
        int read;
        while ((read = await stdin.ReadAsync(buffer, cancellationToken).ConfigureAwait(false)) > 0)
        {
            io.Write(LogStream.Stdout, Encoding.UTF8.GetString(buffer, 0, read));
        }

        return 0;
    }

    private static string Unescape(string text) => text.Replace("\\n", "\n", StringComparison.Ordinal).Replace("\\t", "\t", StringComparison.Ordinal);

    /// <summary>Splits a script at <c>;</c>, newlines and <c>&amp;&amp;</c> outside quotes.</summary>
    private static IEnumerable<(string Command, bool OnlyIfOk)> SplitScript(string script)
    {
        var current = new StringBuilder();
        var onlyIfOk = false;
        char quote = '\0';
        for (var i = 0; i < script.Length; i++)
        {
            var c = script[i];
            if (quote != '\0')
            {
                quote = c == quote ? '\0' : quote;
                current.Append(c);
            }
            else if (c is '\'' or '"')
            {
                quote = c;
                current.Append(c);
            }
            else if (c is ';' or '\n' || (c == '&' && i + 1 < script.Length && script[i + 1] == '&'))
            {
                if (current.ToString().Trim() is { Length: > 0 } command)
                {
                    yield return (command, onlyIfOk);
                }

                current.Clear();
                onlyIfOk = c == '&';
                i += c == '&' ? 1 : 0;
            }
            else
            {
                current.Append(c);
            }
        }

        if (current.ToString().Trim() is { Length: > 0 } last)
        {
            yield return (last, onlyIfOk);
        }
    }
}
