namespace Swarm.Tests.Support;

/// <summary>Paths in this repository, found from the test binaries by looking upwards for Swarm.sln.</summary>
public static class Repository
{
    private static readonly Lazy<string> RootDirectory = new(() =>
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(dir.FullName, "Swarm.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("Swarm.sln not found above " + AppContext.BaseDirectory);
    });

    /// <summary>The repository's root folder.</summary>
    public static string Root => RootDirectory.Value;

    /// <summary>A path below the root.</summary>
    public static string Path(params string[] parts) => System.IO.Path.Combine([Root, .. parts]);
}
