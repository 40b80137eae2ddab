namespace Swarm.Tests.Support;

/// <summary>
/// A docker-compose 1.29 project as a user has one: a folder with a <c>docker-compose.yml</c>, and <c>docker-compose</c>
/// run in it against one server (<c>DOCKER_HOST</c>), with a project name unique to the test.
/// </summary>
public sealed class ComposeProject : IDisposable
{
    private readonly string _folder;
    private readonly Dictionary<string, string?> _environment;

    public ComposeProject(string dockerHost, string yaml, string hint)
    {
        _folder = Directory.CreateTempSubdirectory("swarm-compose-").FullName;
        File.WriteAllText(Path.Combine(_folder, "docker-compose.yml"), yaml);
        Name = $"{hint}{Guid.NewGuid().ToString("N")[..6]}";
        _environment = new Dictionary<string, string?>
        {
            ["DOCKER_HOST"] = dockerHost,
            ["DOCKER_CONFIG"] = _folder,
            ["COMPOSE_PROJECT_NAME"] = Name,
            ["DOCKER_TLS_VERIFY"] = null,
            ["DOCKER_CERT_PATH"] = null,
            ["DOCKER_CONTEXT"] = null,
            ["COMPOSE_INTERACTIVE_NO_CLI"] = "1",
        };
    }

    /// <summary>The project name: compose's prefix of its containers (<c>NAME_web_1</c>) and networks (<c>NAME_default</c>).</summary>
    public string Name { get; }

    /// <summary>How long one compose command may run.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>Runs <c>docker-compose ARGS</c> in the project's folder.</summary>
    public Task<CliResult> RunAsync(params string[] args) =>
        Cli.RunAsync(Clients.Compose, ["--project-directory", _folder, "-f", Path.Combine(_folder, "docker-compose.yml"), "--ansi", "never", .. args], _environment, timeout: Timeout);

    /// <summary>Runs a compose command that must succeed; the assertion message shows everything it printed.</summary>
    public async Task<CliResult> OkAsync(params string[] args)
    {
        var result = await RunAsync(args);
        Assert.That(result.ExitCode, Is.Zero, result.ToString());
        return result;
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
