using System.Diagnostics;
using System.Text;

namespace Swarm.Tests.Support;

/// <summary>A process still running, whose output can be awaited line by line; killed on dispose.</summary>
public sealed class RunningProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _stdout = new();
    private readonly StringBuilder _stderr = new();
    private readonly Task _reading;

    private RunningProcess(Process process, string command)
    {
        _process = process;
        Command = command;
        _reading = Task.WhenAll(Pump(process.StandardOutput, _stdout), Pump(process.StandardError, _stderr));
    }

    public string Command { get; }

    public string Stdout
    {
        get
        {
            lock (_stdout)
            {
                return _stdout.ToString();
            }
        }
    }

    public string Stderr
    {
        get
        {
            lock (_stderr)
            {
                return _stderr.ToString();
            }
        }
    }

    public static RunningProcess Start(string file, IEnumerable<string> args, IReadOnlyDictionary<string, string?>? environment)
    {
        var list = args.ToList();
        var start = ChildProcesses.StartInfo(file, list);
        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;
        foreach (var (key, value) in environment ?? new Dictionary<string, string?>())
        {
            start.Environment[key] = value;
        }

        return new RunningProcess(ChildProcesses.Start(start), file + " " + string.Join(' ', list));
    }

    /// <summary>Waits for the process to exit on its own; the timeout error names the command and its output.</summary>
    public async Task<CliResult> WaitForExitAsync(TimeSpan timeout)
    {
        await WaitFor.TaskAsync(_process.WaitForExitAsync(), $"`{Command}` to exit (stdout so far: {Stdout})", timeout);
        await _reading.WaitAsync(timeout);
        return new CliResult(Command, _process.ExitCode, Stdout, Stderr);
    }

    public ValueTask DisposeAsync()
    {
        ChildProcesses.Kill(_process);
        _process.Dispose();
        return ValueTask.CompletedTask;
    }

    private static async Task Pump(StreamReader reader, StringBuilder into)
    {
        var buffer = new char[4096];
        int read;
        while ((read = await reader.ReadAsync(buffer)) > 0)
        {
            lock (into)
            {
                into.Append(buffer, 0, read);
            }
        }
    }
}
