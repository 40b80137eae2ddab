using System.Collections.Concurrent;
using System.Diagnostics;

namespace Swarm.Tests.Support;

/// <summary>
/// Every process a test starts goes through here. It starts with default signal dispositions, whatever the test
/// run inherited: a background job of a non-interactive shell ignores SIGINT, a child inherits that, and a test
/// of Ctrl-C would then fail for the wrong reason. On Linux the child is started as
/// <c>/usr/bin/env --default-signal PROGRAM ARGS</c> (GNU coreutils 8.31 and later; Debian 12 has 9.1), which
/// resets every signal and then execs PROGRAM, so the pid is PROGRAM's. And it dies with the test that started it:
/// <see cref="KillChildProcessesAttribute"/> kills, after each test and each fixture, whatever it started that is
/// still running, and the run's end kills the rest.
/// </summary>
public static class ChildProcesses
{
    private const string Env = "/usr/bin/env";
    private static readonly ConcurrentDictionary<Process, string> Live = new();
    private static readonly Lazy<bool> EnvResetsSignals = new(() => OperatingSystem.IsLinux() && File.Exists(Env) && Runs(Env, "--default-signal", "true"));

    static ChildProcesses() => AppDomain.CurrentDomain.ProcessExit += (_, _) => KillAll();

    /// <summary>A start for <paramref name="file"/> that resets signal dispositions in the child.</summary>
    public static ProcessStartInfo StartInfo(string file, IEnumerable<string> args)
    {
        var start = new ProcessStartInfo(EnvResetsSignals.Value ? Env : file) { UseShellExecute = false };
        if (EnvResetsSignals.Value)
        {
            start.ArgumentList.Add("--default-signal");
            start.ArgumentList.Add(file);
        }

        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        return start;
    }

    /// <summary>Starts the process, owned by the current test (or fixture, from a one-time set-up).</summary>
    public static Process Start(ProcessStartInfo start)
    {
        var process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {start.FileName}");
        Live[process] = TestContext.CurrentContext.Test.ID ?? "";
        return process;
    }

    /// <summary>Kills the process (and its children) if it still runs, and forgets it.</summary>
    public static void Kill(Process process)
    {
        try
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
                process.WaitForExit(10_000);
            }
        }
        catch (InvalidOperationException)
        {
            // Never started, or already reaped.
        }

        Live.TryRemove(process, out _);
    }

    /// <summary>Kills what <paramref name="owner"/> (a test or fixture id) started and is still running.</summary>
    public static void KillStartedBy(string owner)
    {
        foreach (var (process, by) in Live)
        {
            if (by == owner)
            {
                Kill(process);
            }
        }
    }

    public static void KillAll()
    {
        foreach (var process in Live.Keys)
        {
            Kill(process);
        }
    }

    private static bool Runs(string file, params string[] args)
    {
        using var process = Process.Start(new ProcessStartInfo(file, args) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false });
        return process is not null && process.WaitForExit(10_000) && process.ExitCode == 0;
    }
}
