namespace Swarm.Backends.DockerServer.Wire;

/// <summary>Inspect's <c>Config</c> (the CLI's <c>logs</c> and docker-py's <c>run</c> dereference it).</summary>
internal sealed record InspectConfig
{
    public string Hostname { get; init; } = "";

    public string Domainname { get; init; } = "";

    public string User { get; init; } = "";

    public bool AttachStdin { get; init; }

    public bool AttachStdout { get; init; }

    public bool AttachStderr { get; init; }

    public IReadOnlyDictionary<string, EmptyObject>? ExposedPorts { get; init; }

    public bool Tty { get; init; }

    public bool OpenStdin { get; init; }

    public bool StdinOnce { get; init; }

    public IReadOnlyList<string> Env { get; init; } = [];

    public IReadOnlyList<string>? Cmd { get; init; }

    public string Image { get; init; } = "";

    public IReadOnlyDictionary<string, EmptyObject>? Volumes { get; init; }

    public string WorkingDir { get; init; } = "";

    public IReadOnlyList<string>? Entrypoint { get; init; }

    public IReadOnlyList<string>? OnBuild { get; init; }

    public IReadOnlyDictionary<string, string> Labels { get; init; } = Empty.Labels;
}
