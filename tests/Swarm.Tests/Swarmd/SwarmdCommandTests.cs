using System.Diagnostics;
using Swarm.Tests.Support;
using Swarmd;

namespace Swarm.Tests.Swarmd;

public sealed class SwarmdCommandTests
{
    [Test]
    public async Task Run_NoArguments_ListsBackendsOneLineEachAndExitsZero()
    {
        var (code, stdout, stderr) = await RunAsync();

        Assert.That(code, Is.EqualTo(0));
        Assert.That(stderr, Is.Empty);
        Assert.That(stdout, Does.StartWith("Available backends:\n"));
        foreach (var name in new[] { "simulator", "debug", "aggregate", "dockerserver", "openstack" })
        {
            Assert.That(stdout, Does.Match($"(?m)^  {name} +\\S"), $"{name} should have one line");
        }
    }

    [Test]
    public async Task Run_Version_PrintsVersion()
    {
        var (code, stdout, _) = await RunAsync("--version");

        Assert.That(code, Is.EqualTo(0));
        Assert.That(stdout, Does.Match(@"^swarmd \d+\.\d+\.\d+\n$"));
    }

    [Test]
    public async Task Run_Help_ShowsSpecSyntaxAndEveryBackendUsage()
    {
        var (code, stdout, _) = await RunAsync("--help");

        Assert.That(code, Is.EqualTo(0));
        Assert.That(stdout, Does.Contain("Usage: swarmd"));
        Assert.That(stdout, Does.Contain("aggregate [--spawn-to"));
    }

    [TestCase(new[] { "nosuch" }, "swarmd: unknown backend 'nosuch' (known: ")]
    [TestCase(new[] { "simulator --bogus" }, "swarmd: simulator: unknown option --bogus")]
    [TestCase(new[] { "simulator 'unterminated" }, "swarmd: unterminated '")]
    [TestCase(new[] { "debug" }, "swarmd: debug needs a backend after it")]
    [TestCase(new[] { "--frobnicate" }, "swarmd: unknown option --frobnicate")]
    [TestCase(new[] { "dockerserver tcp://127.0.0.1:0", "openstack --flavor=m1.tiny --boot-timeout=" }, "swarmd: openstack: --boot-timeout needs a value")]
    [TestCase(new[] { "dockerserver tcp://127.0.0.1:0 --max-connections=", "simulator" }, "swarmd: dockerserver: --max-connections takes a positive number")]
    public async Task Run_BadSpec_PrintsOneLineAndExitsTwo(string[] args, string expected)
    {
        var (code, stdout, stderr) = await RunAsync(args);

        Assert.That(code, Is.EqualTo(2));
        Assert.That(stdout, Is.Empty);
        Assert.That(stderr, Does.StartWith(expected));
        Assert.That(stderr.TrimEnd('\n'), Does.Not.Contain("\n"), "one line");
    }

    [TestCase("SIGINT")]
    [TestCase("SIGTERM")]
    public async Task Process_Signal_StopsAndExitsZero(string signal)
    {
        // Started with default signal dispositions (ChildProcesses), so an ignored SIGINT inherited by the test run
        // does not reach swarmd; killed with the test if anything below fails.
        var start = ChildProcesses.StartInfo(SwarmdPath(), ["dockerserver tcp://127.0.0.1:0", "debug", "simulator", "--log-level", "debug"]);
        start.RedirectStandardError = true;
        start.RedirectStandardOutput = true;
        using var swarmd = ChildProcesses.Start(start);
        try
        {
            var log = new System.Collections.Concurrent.ConcurrentQueue<string>();
            var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            swarmd.ErrorDataReceived += (_, e) =>
            {
                if (e.Data is { } line)
                {
                    log.Enqueue(line);
                    if (line.Contains("Hosting started"))
                    {
                        started.TrySetResult();
                    }
                }
            };
            swarmd.BeginErrorReadLine();
            await WaitFor.TaskAsync(started.Task, "swarmd to log \"Hosting started\"", TimeSpan.FromSeconds(30));

            using (var kill = Process.Start("kill", ["-s", signal[3..], swarmd.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
            {
                await kill.WaitForExitAsync();
            }

            await WaitFor.TaskAsync(swarmd.WaitForExitAsync(), $"swarmd to exit on {signal}\n{string.Join('\n', log)}", TimeSpan.FromSeconds(30));
            Assert.That(swarmd.ExitCode, Is.EqualTo(0), string.Join('\n', log));
            Assert.That(log, Has.Some.Contains("Hosting stopped"));
        }
        finally
        {
            ChildProcesses.Kill(swarmd);
        }
    }

    internal static string SwarmdPath() => Path.Combine(AppContext.BaseDirectory, "swarmd");

    private static async Task<(int Code, string Stdout, string Stderr)> RunAsync(params string[] args)
    {
        var stdout = new StringWriter { NewLine = "\n" };
        var stderr = new StringWriter { NewLine = "\n" };
        var code = await SwarmdCommand.RunAsync(args, stdout, stderr);
        return (code, stdout.ToString(), stderr.ToString());
    }
}
