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

    public static void RequireCurl() => Require(File.Exists(Curl), $"curl is not installed at {Curl}");

    public static async Task RequireDockerPyAsync()
    {
        var available = File.Exists(Python)
            && (await Cli.RunAsync(Python, ["-c", "import docker"])).ExitCode == 0;
        Require(available, $"docker-py is not importable by {Python} (apt-get install -y python3-docker)");
    }
}
