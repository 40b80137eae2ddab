using System.Diagnostics;
using System.Text;

namespace Swarm.Tests.Support;

/// <summary>Runs a program to completion with a timeout; on timeout it is killed and the error names the command.</summary>
public static class Cli
{
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(30);

    public static async Task<CliResult> RunAsync(
        string file,
        IEnumerable<string> args,
        IReadOnlyDictionary<string, string?>? environment = null,
        string? stdin = null,
        TimeSpan? timeout = null,
        CancellationToken cancellationToken = default)
    {
        var list = args.ToList();
        var start = ChildProcesses.StartInfo(file, list);
        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;
        start.RedirectStandardInput = true;
        foreach (var (key, value) in environment ?? new Dictionary<string, string?>())
        {
            start.Environment[key] = value;
        }

        var command = file + " " + string.Join(' ', list.Select(a => a.Contains(' ') ? $"'{a}'" : a));
        using var process = ChildProcesses.Start(start);
        try
        {
            return await WaitAsync(process, command, stdin, timeout, cancellationToken);
        }
        finally
        {
            ChildProcesses.Kill(process);
        }
    }

    private static async Task<CliResult> WaitAsync(Process process, string command, string? stdin, TimeSpan? timeout, CancellationToken cancellationToken)
    {
        var stdout = new StringBuilder();
        var stderr = new StringBuilder();
        var reading = Task.WhenAll(Pump(process.StandardOutput, stdout), Pump(process.StandardError, stderr));
        if (stdin is not null)
        {
            await process.StandardInput.WriteAsync(stdin);
        }

        process.StandardInput.Close();
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        limit.CancelAfter(timeout ?? DefaultTimeout);
        try
        {
            await process.WaitForExitAsync(limit.Token);
            await reading.WaitAsync(limit.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            ChildProcesses.Kill(process);
            throw new TimeoutException($"`{command}` did not exit within {(timeout ?? DefaultTimeout).TotalSeconds}s\n--- stdout ---\n{stdout}\n--- stderr ---\n{stderr}");
        }

        return new CliResult(command, process.ExitCode, stdout.ToString(), stderr.ToString());
    }

    /// <summary>Starts a long-running program (like <c>docker logs -f</c>); dispose kills it if still running.</summary>
    public static RunningProcess Start(string file, IEnumerable<string> args, IReadOnlyDictionary<string, string?>? environment = null) =>
        RunningProcess.Start(file, args, environment);

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
