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

    private static async Task<(int Code, string Stdout, string Stderr)> RunAsync(params string[] args)
    {
        var stdout = new StringWriter { NewLine = "\n" };
        var stderr = new StringWriter { NewLine = "\n" };
        var code = await SwarmdCommand.RunAsync(args, stdout, stderr);
        return (code, stdout.ToString(), stderr.ToString());
    }
}
