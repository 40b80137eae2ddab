using System.IO.Compression;
using System.Net.Http.Json;
using System.Runtime.InteropServices;
using Swarm.Tests.EndToEnd;
using Swarm.Tests.Support;

namespace Swarm.Tests.Packaging;

/// <summary>
/// <c>dotnet tool install swarmd</c> from a folder feed into a fresh tool path, then swarmd as the user runs it:
/// the backend list, and a Docker API on the simulator that answers.
/// </summary>
[Category("Packaging")]
[NonParallelizable]
public sealed class ToolPackageTests
{
    private string _work = null!;
    private string _feed = null!;
    private string _toolPath = null!;
    private CliResult _install = null!;

    private string Swarmd => Path.Combine(_toolPath, "swarmd");

    [OneTimeSetUp]
    public async Task InstallTheTool()
    {
        _feed = await PackageFeed.GetAsync();
        _work = Directory.CreateTempSubdirectory("swarm-tool-").FullName;
        _toolPath = Path.Combine(_work, "tools");
        var config = PackageFeed.WriteConfig(_work, _feed);
        // A package cache of its own: a swarmd of the same version cached by an earlier run must not stand in.
        _install = await Cli.RunAsync(
            "dotnet",
            ["tool", "install", "swarmd", "--tool-path", _toolPath, "--configfile", config, "--version", PackageFeed.Version(_feed)],
            new Dictionary<string, string?> { ["NUGET_PACKAGES"] = Path.Combine(_work, "nuget-cache"), ["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1" },
            timeout: TimeSpan.FromMinutes(5));
    }

    [OneTimeTearDown]
    public void RemoveTheToolPath() => Directory.Delete(_work, recursive: true);

    [Test]
    public void ToolInstall_FromFolderFeed_PutsSwarmdOnTheToolPath()
    {
        Assert.That(_install.ExitCode, Is.Zero, _install.ToString());
        Assert.That(_install.Stdout, Does.Contain("swarmd"));
        Assert.That(File.Exists(Swarmd), Is.True, $"{Swarmd} after:\n{_install}");
    }

    [Test]
    public async Task InstalledTool_NoArguments_ListsTheBackends()
    {
        var run = await Cli.RunAsync(Swarmd, []);

        Assert.That(run.ExitCode, Is.Zero, run.ToString());
        Assert.That(run.Lines[0], Is.EqualTo("Available backends:"));
        Assert.That(run.Stdout, Does.Contain("dockerserver").And.Contain("openstack").And.Contain("simulator"));
    }

    [Test]
    public void InstalledTool_OnLinuxX64_IsTheNativeAotBinary()
    {
        if (RuntimeInformation.RuntimeIdentifier != "linux-x64")
        {
            Assert.Ignore($"the Native AOT package is built for linux-x64; this machine is {RuntimeInformation.RuntimeIdentifier} and gets swarmd.any");
        }

        var target = new FileInfo(Swarmd).ResolveLinkTarget(returnFinalTarget: true)?.FullName ?? Swarmd;
        using var binary = File.OpenRead(target);
        var magic = new byte[4];
        binary.ReadExactly(magic);

        Assert.That(target, Does.Contain("swarmd.linux-x64"));
        Assert.That(magic, Is.EqualTo("\u007fELF"u8.ToArray()), $"{target} should be a native executable");
        Assert.That(File.Exists(Path.Combine(Path.GetDirectoryName(target)!, "swarmd.dll")), Is.False, "no managed assembly beside a native tool");
    }

    [Test]
    public async Task InstalledTool_OnSimulator_ServesTheDockerApi()
    {
        var port = SwarmdProcess.FreePort();
        await using var swarmd = await SwarmdProcess.StartProgramAsync(Swarmd, [$"dockerserver tcp://127.0.0.1:{port}", "simulator"], port);
        using var http = new HttpClient { BaseAddress = swarmd.HttpBase, Timeout = TimeSpan.FromSeconds(30) };

        var ping = await http.GetStringAsync("/_ping");
        using var create = await http.PostAsJsonAsync("/containers/create?name=tool-demo", new { Image = "cirros" });
        var list = await http.GetStringAsync("/containers/json?all=1");

        Assert.That(ping, Is.EqualTo("OK"));
        Assert.That(create.StatusCode, Is.EqualTo(System.Net.HttpStatusCode.Created), await create.Content.ReadAsStringAsync());
        Assert.That(list, Does.Contain("/tool-demo"));
        Assert.That(await swarmd.SignalAndWaitAsync("TERM", TimeSpan.FromSeconds(30)), Is.Zero, swarmd.Log);
    }

    [Test]
    public async Task AnyPackage_WithDotnet_ListsTheBackends()
    {
        // What a machine other than linux-x64 installs: the framework-dependent build, run by the .NET runtime.
        var package = Path.Combine(_feed, $"swarmd.any.{PackageFeed.Version(_feed)}.nupkg");
        var unpacked = Path.Combine(_work, "any");
        ZipFile.ExtractToDirectory(package, unpacked);

        var run = await Cli.RunAsync("dotnet", [Path.Combine(unpacked, "tools", "net10.0", "any", "swarmd.dll")]);

        Assert.That(run.ExitCode, Is.Zero, run.ToString());
        Assert.That(run.Stdout, Does.StartWith("Available backends:").And.Contain("openstack"));
    }
}
