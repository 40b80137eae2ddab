namespace Swarm.Backends.DockerServer.Wire;

/// <summary><c>GET /info</c>.</summary>
internal sealed record InfoResponse
{
    public string ID { get; init; } = "";

    public int Containers { get; init; }

    public int ContainersRunning { get; init; }

    public int ContainersPaused { get; init; }

    public int ContainersStopped { get; init; }

    public int Images { get; init; }

    public string Driver { get; init; } = "";

    public string[][] DriverStatus { get; init; } = [];

    public string LoggingDriver { get; init; } = "json-file";

    public string CgroupDriver { get; init; } = "none";

    public string KernelVersion { get; init; } = "";

    public string OperatingSystem { get; init; } = "";

    public string OSType { get; init; } = "linux";

    public string Architecture { get; init; } = "";

    public int NCPU { get; init; }

    public long MemTotal { get; init; }

    public string Name { get; init; } = "";

    public string ServerVersion { get; init; } = "";

    public string DockerRootDir { get; init; } = "";

    public bool Debug { get; init; }

    public bool Experimental { get; init; }

    public string[] Labels { get; init; } = [];

    public string[] SecurityOptions { get; init; } = [];

    public SwarmStatus Swarm { get; init; } = SwarmStatus.Inactive;

    public string[]? Warnings { get; init; }
}
