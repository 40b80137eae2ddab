using System.Text.RegularExpressions;
using Swarm.Tests.Support;

namespace Swarm.Tests.Packaging;

/// <summary>
/// The folder feed the package tests install from, as a user's own feed would be: <c>SWARM_PACKAGES</c> when set
/// (scripts/test.sh packs into artifacts/packages once, before the tests), else packed here by scripts/pack.sh into
/// a temporary folder (a few minutes: it compiles the Native AOT tool).
/// </summary>
internal static partial class PackageFeed
{
    private static readonly Lazy<Task<string>> Folder = new(LocateOrPackAsync);

    /// <summary>The feed folder, packed at most once per test run.</summary>
    public static Task<string> GetAsync() => Folder.Value;

    /// <summary>The version every package in the feed carries (that of swarmd's own package).</summary>
    public static string Version(string folder) =>
        Directory.GetFiles(folder, "swarmd.*.nupkg").Select(f => ToolVersion().Match(Path.GetFileName(f))).FirstOrDefault(m => m.Success)?.Groups[1].Value
        ?? throw new InvalidOperationException($"no swarmd.VERSION.nupkg in {folder}");

    /// <summary>A nuget.config that knows the feed only, so nothing of the same name is taken from elsewhere.</summary>
    public static string WriteConfig(string directory, string feed, string? fallbackFolder = null)
    {
        var path = Path.Combine(directory, "nuget.config");
        File.WriteAllText(path, $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <packageSources>
                <clear />
                <add key="swarm-feed" value="{feed}" />
              </packageSources>
              {(fallbackFolder is null ? "" : $"<fallbackPackageFolders><clear /><add key=\"machine\" value=\"{fallbackFolder}\" /></fallbackPackageFolders>")}
            </configuration>
            """);
        return path;
    }

    private static async Task<string> LocateOrPackAsync()
    {
        if (Environment.GetEnvironmentVariable("SWARM_PACKAGES") is { Length: > 0 } given)
        {
            var folder = Path.GetFullPath(given);
            return Directory.Exists(folder) && Directory.GetFiles(folder, "*.nupkg").Length > 0
                ? folder
                : throw new InvalidOperationException($"SWARM_PACKAGES={given} holds no .nupkg: run scripts/pack.sh {given} first");
        }

        var packed = Directory.CreateTempSubdirectory("swarm-packages-").FullName;
        var pack = await Cli.RunAsync("bash", [Repository.Path("scripts", "pack.sh"), packed], timeout: TimeSpan.FromMinutes(20));
        return pack.ExitCode == 0 ? packed : throw new InvalidOperationException($"scripts/pack.sh failed:\n{pack}");
    }

    [GeneratedRegex(@"^swarmd\.(\d+\.\d+\.\d+(?:-[0-9A-Za-z.-]+)?)\.nupkg$")]
    private static partial Regex ToolVersion();
}
