namespace Swarm.Tests.Support;

/// <summary>What a finished process left: its exit code and everything it printed.</summary>
public sealed record CliResult(string Command, int ExitCode, string Stdout, string Stderr)
{
    /// <summary>Stdout split into lines, without the trailing empty one.</summary>
    public string[] Lines => Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);

    public override string ToString() => $"`{Command}` exited {ExitCode}\n--- stdout ---\n{Stdout}\n--- stderr ---\n{Stderr}";
}
