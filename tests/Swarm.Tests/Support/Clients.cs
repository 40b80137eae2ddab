namespace Swarm.Tests.Support;

/// <summary>
/// Real clients on this machine. A missing one makes its tests inconclusive (Assert.Ignore with the reason),
/// unless <c>SWARM_REQUIRE_CLIENTS=1</c>, when it is a failure.
/// </summary>
public static class Clients
{
    public const string Docker = "/usr/local/bin/docker";

    /// <summary>Debian's python with python3-docker (docker-py 5), not a pyenv python on PATH.</summary>
    public const string Python = "/usr/bin/python3";

    public const string Curl = "/usr/bin/curl";

    /// <summary>Debian's docker-compose 1.29 (Python, on docker-py).</summary>
    public const string Compose = "/usr/bin/docker-compose";

    public static bool Required => Environment.GetEnvironmentVariable("SWARM_REQUIRE_CLIENTS") == "1";

    public static void Require(bool available, string reason)
    {
        if (available)
        {
            return;
        }

        if (Required)
        {
            Assert.Fail($"{reason} (SWARM_REQUIRE_CLIENTS=1)");
        }

        Assert.Ignore(reason);
    }

    public static void RequireDocker() => Require(File.Exists(Docker), $"the docker CLI is not installed at {Docker}");

    public static void RequireCompose() => Require(File.Exists(Compose), $"docker-compose is not installed at {Compose} (apt-get install -y docker-compose)");

    public static void RequireCurl() => Require(File.Exists(Curl), $"curl is not installed at {Curl}");

    /// <summary>Where scripts/install-test-deps.sh puts dockerode (npm), outside the repository's sources.</summary>
    public static string NodeModules => Repository.Path(".state", "node", "node_modules");

    public static void RequireDockerode() => Require(
        Directory.Exists(System.IO.Path.Combine(NodeModules, "dockerode")) && Which("node") is not null,
        $"dockerode is not installed in {NodeModules} (scripts/install-test-deps.sh runs npm install dockerode@5.0.1)");

    /// <summary>The full path of a program on PATH, or null.</summary>
    public static string? Which(string program) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries)
            .Select(dir => System.IO.Path.Combine(dir, program)).FirstOrDefault(File.Exists);

    public static async Task RequireDockerPyAsync()
    {
        var available = File.Exists(Python)
            && (await Cli.RunAsync(Python, ["-c", "import docker"])).ExitCode == 0;
        Require(available, $"docker-py is not importable by {Python} (apt-get install -y python3-docker)");
    }
}
