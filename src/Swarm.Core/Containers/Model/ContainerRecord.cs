namespace Swarm.Core.Containers;

/// <summary>What a backend knows about one container: the answer to Get and one entry of Ls.</summary>
public sealed record ContainerRecord
{
    /// <summary>The id (for OpenStack, the server's UUID).</summary>
    public required string Id { get; init; }

    /// <summary>The name, without Docker's leading slash.</summary>
    public required string Name { get; init; }

    /// <summary>The image reference it was created from, as the user wrote it.</summary>
    public string Image { get; init; } = "";

    /// <summary>The image's id in the backend (a Glance UUID, a simulator digest).</summary>
    public string ImageId { get; init; } = "";

    /// <summary>The command.</summary>
    public IReadOnlyList<string> Cmd { get; init; } = [];

    /// <summary>The entrypoint.</summary>
    public IReadOnlyList<string> Entrypoint { get; init; } = [];

    /// <summary>Environment variables, <c>KEY=value</c>.</summary>
    public IReadOnlyList<string> Env { get; init; } = [];

    /// <summary>Labels.</summary>
    public IReadOnlyDictionary<string, string> Labels { get; init; } = new Dictionary<string, string>();

    /// <summary>When it was created.</summary>
    public DateTimeOffset Created { get; init; }

    /// <summary>Its state.</summary>
    public ContainerState State { get; init; } = new();

    /// <summary>Whether it has a terminal (its logs are then raw, not framed).</summary>
    public bool Tty { get; init; }

    /// <summary>Whether stdin stays open.</summary>
    public bool OpenStdin { get; init; }

    /// <summary>
    /// Exposed ports and, while they are published, where: the backend's real address and port (OpenStack: the floating
    /// IP and the forwarded port). What <c>docker ps</c>, <c>docker port</c> and <c>NetworkSettings.Ports</c> show.
    /// </summary>
    public IReadOnlyList<PortMapping> Ports { get; init; } = [];

    /// <summary>
    /// The ports to publish as asked at create (<c>HostConfig.PortBindings</c>), with the address the backend publishes
    /// them on when it has one of its own (OpenStack: the floating IP) and the host port as asked (null: chosen).
    /// </summary>
    public IReadOnlyList<PortMapping> PortBindings { get; init; } = [];

    /// <summary>Every exposed port is published (<c>-P</c>).</summary>
    public bool PublishAllPorts { get; init; }

    /// <summary>Its volumes, binds and tmpfs mounts (inspect's <c>Mounts</c>).</summary>
    public IReadOnlyList<MountPoint> Mounts { get; init; } = [];

    /// <summary>Remove the container when it exits.</summary>
    public bool AutoRemove { get; init; }

    /// <summary>The memory limit asked for at create, in bytes (0: none), as Docker's <c>HostConfig.Memory</c>.</summary>
    public long Memory { get; init; }

    /// <summary>The CPU limit asked for at create, in billionths of a CPU (0: none), as Docker's <c>HostConfig.NanoCpus</c>.</summary>
    public long NanoCpus { get; init; }

    /// <summary>The host name inside the container.</summary>
    public string Hostname { get; init; } = "";

    /// <summary>How many times the container has been restarted.</summary>
    public int RestartCount { get; init; }

    /// <summary>Docker's <c>HostConfig.NetworkMode</c>: <c>bridge</c>, <c>none</c>, <c>host</c>, a network's name, or <c>default</c>.</summary>
    public string NetworkMode { get; init; } = "default";

    /// <summary>Its endpoints, one per network it is on.</summary>
    public IReadOnlyList<NetworkEndpoint> Networks { get; init; } = [];

    /// <summary>The backend that owns it (<c>simulator</c>, <c>openstack</c>).</summary>
    public string Driver { get; init; } = "";

    /// <summary>
    /// Backend-specific facts shown to users as they are (for OpenStack: flavor, nova_status, host, az).
    /// </summary>
    public IReadOnlyDictionary<string, string> Details { get; init; } = new Dictionary<string, string>();

    /// <summary>The command line, entrypoint then cmd, as Docker's list shows it.</summary>
    public string CommandLine => string.Join(' ', Entrypoint.Concat(Cmd));
}
