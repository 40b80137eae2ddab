using NUnit.Framework.Internal;
using Swarm.Tests.Support;

namespace Swarm.Tests.Swarmd;

/// <summary>Processes tests start die with the test, whatever the test did (see <see cref="ChildProcesses"/>).</summary>
public sealed class TestProcessesTests
{
    [Test]
    public void AfterTest_SwarmdStillRunning_Killed()
    {
        var start = ChildProcesses.StartInfo(Path.Combine(AppContext.BaseDirectory, "swarmd"), ["dockerserver tcp://127.0.0.1:0", "simulator"]);
        start.RedirectStandardError = true;
        start.RedirectStandardOutput = true;
        using var swarmd = ChildProcesses.Start(start);
        Assert.That(swarmd.HasExited, Is.False, "swarmd exited on its own");

        // What runs after this test whatever its outcome (an assertion failure, a timeout).
        new KillChildProcessesAttribute().AfterTest(TestExecutionContext.CurrentContext.CurrentTest);

        Assert.That(swarmd.HasExited, Is.True, "swarmd outlived the test that started it");
    }

    [Test]
    public async Task StartInfo_Linux_ChildHasNoIgnoredInterrupt()
    {
        if (!OperatingSystem.IsLinux())
        {
            Assert.Ignore("/proc and GNU env are Linux's");
        }

        // /proc/self/status of the child: bit 1 of SigIgn is SIGINT.
        var status = await Cli.RunAsync("/bin/grep", ["SigIgn", "/proc/self/status"]);
        var ignored = Convert.ToUInt64(status.Stdout.Split(':')[1].Trim(), 16);

        Assert.That(ignored & 0b10, Is.Zero, status.Stdout);
        Assert.That(ChildProcesses.StartInfo("/bin/true", []).FileName, Is.EqualTo("/usr/bin/env"));
    }
}
