using System.IO.Compression;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using Swarm.Tests.Support;

namespace Swarm.Tests.Packaging;

/// <summary>
/// The libraries as NuGet packages: what a NuGet gallery shows (readme, license, repository, XML docs, symbols), and
/// the README's embedding example built and run by a fresh project that knows only the folder feed.
/// </summary>
[Category("Packaging")]
[NonParallelizable]
public sealed partial class LibraryPackageTests
{
    private static readonly string[] Libraries = ["Swarm.Core", "Swarm.Backends.DockerServer", "Swarm.Backends.Openstack", "Swarm.Testing"];

    [TestCaseSource(nameof(Libraries))]
    public async Task LibraryPackage_Metadata_ReadmeLicenseRepositoryDocsAndSymbols(string id)
    {
        var feed = await PackageFeed.GetAsync();
        var version = PackageFeed.Version(feed);
        var path = Path.Combine(feed, $"{id}.{version}.nupkg");
        Assert.That(File.Exists(path), Is.True, $"{path} (scripts/pack.sh packs every project with IsPackable)");

        using var package = ZipFile.OpenRead(path);
        var files = package.Entries.Select(e => e.FullName).ToList();
        XNamespace ns = "http://schemas.microsoft.com/packaging/2013/05/nuspec.xsd";
        XElement metadata;
        using (var nuspec = package.GetEntry($"{id}.nuspec")!.Open())
        {
            metadata = XDocument.Load(nuspec).Root!.Element(ns + "metadata")!;
        }

        var license = metadata.Element(ns + "license")!;
        var repository = metadata.Element(ns + "repository")!;
        Assert.That((license.Attribute("type")?.Value, license.Value), Is.EqualTo(("expression", "Apache-2.0")));
        Assert.That(metadata.Element(ns + "readme")?.Value, Is.EqualTo("README.md"));
        Assert.That(files, Does.Contain("README.md"));
        Assert.That(repository.Attribute("type")?.Value, Is.EqualTo("git"));
        Assert.That(repository.Attribute("commit")?.Value, Does.Match("^[0-9a-f]{40}$"), "the commit the package was built from");
        Assert.That(metadata.Element(ns + "description")?.Value, Is.Not.Empty);
        Assert.That(files, Does.Contain($"lib/net10.0/{id}.dll").And.Contain($"lib/net10.0/{id}.xml"));
        Assert.That(File.Exists(Path.Combine(feed, $"{id}.{version}.snupkg")), Is.True, "symbols package");
    }

    [Test]
    public async Task Consumer_ReadmeEmbeddingExample_BuildsAndRunsAgainstThePackages()
    {
        var feed = await PackageFeed.GetAsync();
        var version = PackageFeed.Version(feed);
        var work = Directory.CreateTempSubdirectory("swarm-consumer-").FullName;
        try
        {
            // A project as a user writes it: outside this repository (empty Directory.Build.* stop MSBuild from
            // looking further up), PackageReferences with versions, the README's code as Program.cs.
            foreach (var file in new[] { "Directory.Build.props", "Directory.Build.targets", "Directory.Packages.props" })
            {
                File.WriteAllText(Path.Combine(work, file), "<Project />\n");
            }

            File.WriteAllText(Path.Combine(work, "Consumer.csproj"), $"""
                <Project Sdk="Microsoft.NET.Sdk">
                  <PropertyGroup>
                    <OutputType>Exe</OutputType>
                    <TargetFramework>net10.0</TargetFramework>
                    <ImplicitUsings>enable</ImplicitUsings>
                    <Nullable>enable</Nullable>
                  </PropertyGroup>
                  <ItemGroup>
                    <PackageReference Include="Swarm.Core" Version="{version}" />
                    <PackageReference Include="Swarm.Backends.DockerServer" Version="{version}" />
                    <PackageReference Include="Swarm.Backends.Openstack" Version="{version}" />
                  </ItemGroup>
                  <ItemGroup>
                    <Using Include="Microsoft.Extensions.DependencyInjection" />
                    <Using Include="Swarm.Core.Containers" />
                    <Using Include="Swarm.Core.Hosting" />
                  </ItemGroup>
                </Project>
                """);
            File.WriteAllText(Path.Combine(work, "Program.cs"), ReadmeEmbeddingExample());
            // Only the feed is a source; the dependencies (Microsoft.Extensions.*, Flurl, YamlDotNet) come from
            // the machine's package folder, which the solution's own restore has filled, so nothing is downloaded.
            var config = PackageFeed.WriteConfig(work, feed, fallbackFolder: MachinePackageFolder());
            var environment = new Dictionary<string, string?>
            {
                ["NUGET_PACKAGES"] = Path.Combine(work, "nuget-cache"),
                ["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1",
                ["MSBuildSDKsPath"] = null,
            };

            var restore = await Cli.RunAsync("dotnet", ["restore", Path.Combine(work, "Consumer.csproj"), "--configfile", config], environment, timeout: TimeSpan.FromMinutes(5));
            Assert.That(restore.ExitCode, Is.Zero, restore.ToString());
            var run = await Cli.RunAsync("dotnet", ["run", "--no-restore", "--project", Path.Combine(work, "Consumer.csproj")], environment, timeout: TimeSpan.FromMinutes(5));

            Assert.That(run.ExitCode, Is.Zero, run.ToString());
            Assert.That(run.Lines, Has.Some.EqualTo("Running"), run.ToString());
        }
        finally
        {
            Directory.Delete(work, recursive: true);
        }
    }

    /// <summary>The C# block of README.md's "Embedding" section, as written.</summary>
    private static string ReadmeEmbeddingExample()
    {
        var readme = File.ReadAllText(Repository.Path("README.md"));
        var section = readme[readme.IndexOf("## Embedding", StringComparison.Ordinal)..];
        return CSharpBlock().Match(section) is { Success: true } block
            ? block.Groups[1].Value
            : throw new InvalidOperationException("README.md's Embedding section has no ```csharp block");
    }

    private static string MachinePackageFolder() =>
        Environment.GetEnvironmentVariable("NUGET_PACKAGES") is { Length: > 0 } folder
            ? folder
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");

    [GeneratedRegex("```csharp\n(.*?)```", RegexOptions.Singleline)]
    private static partial Regex CSharpBlock();
}
