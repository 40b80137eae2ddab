namespace Swarm.Core.Containers;

/// <summary>What an instance says about itself: the answer to Get on an instance.</summary>
public sealed record HostInfo
{
    /// <summary>A stable id for this host.</summary>
    public string Id { get; init; } = "";

    /// <summary>A name for this host (the backend and where it points).</summary>
    public string Name { get; init; } = "";

    /// <summary>The backend's name (<c>simulator</c>, <c>openstack</c>).</summary>
    public string Driver { get; init; } = "";

    /// <summary>Containers by state.</summary>
    public int Containers { get; init; }

    /// <summary>Running containers.</summary>
    public int ContainersRunning { get; init; }

    /// <summary>Paused containers.</summary>
    public int ContainersPaused { get; init; }

    /// <summary>Stopped containers.</summary>
    public int ContainersStopped { get; init; }

    /// <summary>Images available.</summary>
    public int Images { get; init; }

    /// <summary>CPUs available to containers (0: unknown).</summary>
    public int Cpus { get; init; }

    /// <summary>Memory available to containers, bytes (0: unknown).</summary>
    public long MemoryBytes { get; init; }

    /// <summary>Operating system of the host, as a sentence.</summary>
    public string OperatingSystem { get; init; } = "";

    /// <summary>Facts shown as <c>name: value</c> lines (quotas, endpoints, flavor).</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Status { get; init; } = [];
}
