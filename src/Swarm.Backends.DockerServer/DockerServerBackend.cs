using Swarm.Core.Backends;

namespace Swarm.Backends.DockerServer;

/// <summary>
/// <c>dockerserver</c>: serves the Docker Engine API over HTTP and turns each request into Beam verbs sent to the
/// next backend, so the docker CLI, docker-py, Docker.DotNet and curl drive whatever backend follows it.
/// </summary>
public sealed class DockerServerBackend : IBackend
{
    /// <summary>The name in specs.</summary>
    public const string BackendName = "dockerserver";

    /// <inheritdoc />
    public string Name => BackendName;

    /// <inheritdoc />
    public string Description => "Docker Engine API server (docker CLI, docker-py, Docker.DotNet) in front of the next backend";

    /// <inheritdoc />
    public string Usage =>
        "dockerserver [tcp://HOST:PORT | unix:///PATH]... [--tls] [--tlsverify] [--tlscacert=FILE] [--tlscert=FILE] [--tlskey=FILE] [--max-connections=N]"
        + " (default tcp://localhost:4243)";

    /// <inheritdoc />
    public IBackendInstance Create(BackendContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var options = DockerServerOptions.Parse(context.Spec);
        return new DockerServerInstance(options, context.RequireNext(), context.LoggerFactory);
    }
}
