namespace Swarm.Tests.Support;

/// <summary>The docker CLI pointed at one server, with its own empty config directory.</summary>
public sealed class DockerCli : IDisposable
{
    private readonly Dictionary<string, string?> _environment;
    private readonly string _config;

    public DockerCli(string dockerHost, IReadOnlyDictionary<string, string?>? extra = null)
    {
        _config = Directory.CreateTempSubdirectory("swarm-docker-config-").FullName;
        _environment = new Dictionary<string, string?>
        {
            ["DOCKER_HOST"] = dockerHost,
            ["DOCKER_CONFIG"] = _config,
            ["DOCKER_CONTEXT"] = null,
            ["DOCKER_API_VERSION"] = null,
            ["DOCKER_TLS_VERIFY"] = null,
            ["DOCKER_CERT_PATH"] = null,
        };
        foreach (var (key, value) in extra ?? new Dictionary<string, string?>())
        {
            _environment[key] = value;
        }
    }

    public IReadOnlyDictionary<string, string?> Environment => _environment;

    /// <summary>How long one command may run (a real cloud takes longer than the simulator).</summary>
    public TimeSpan Timeout { get; init; } = Cli.DefaultTimeout;

    public Task<CliResult> RunAsync(params string[] args) => Cli.RunAsync(Clients.Docker, args, _environment, timeout: Timeout);

    public Task<CliResult> RunWithStdinAsync(string stdin, params string[] args) => Cli.RunAsync(Clients.Docker, args, _environment, stdin, Timeout);

    /// <summary>Runs a command that must succeed; the assertion message shows everything it printed.</summary>
    public async Task<CliResult> OkAsync(params string[] args)
    {
        var result = await RunAsync(args);
        Assert.That(result.ExitCode, Is.Zero, result.ToString());
        return result;
    }

    public RunningProcess Start(params string[] args) => Cli.Start(Clients.Docker, args, _environment);

    public void Dispose() => Directory.Delete(_config, recursive: true);
}
