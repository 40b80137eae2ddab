using Swarm.Core.Containers;

namespace Swarm.Core.Backends.Simulator;

/// <summary>
/// One simulated container's mutable state; every field is guarded by the host's lock. Its record is built once per
/// change, not once per listing: every property <see cref="ToRecord"/> reads is immutable or, when set, drops the
/// record built before (<see cref="Snapshot"/>), so a record handed out is never changed and stays current until then.
/// </summary>
internal sealed class SimContainer(string id, ContainerSpec spec, ImageRecord image, DateTimeOffset created)
{
    private readonly List<string> _networkIds = [];

    public string Id { get; } = id;

    public string Name { get; set { field = value; Snapshot = null; } } = spec.Name ?? "";

    public ContainerSpec Spec { get; } = spec;

    public ImageRecord Image { get; } = image;

    public DateTimeOffset Created { get; } = created;

    public ContainerStatus Status { get; set { field = value; Snapshot = null; } } = ContainerStatus.Created;

    public int ExitCode { get; set { field = value; Snapshot = null; } }

    public DateTimeOffset? StartedAt { get; set { field = value; Snapshot = null; } }

    public DateTimeOffset? FinishedAt { get; set { field = value; Snapshot = null; } }

    public int RestartCount { get; set { field = value; Snapshot = null; } }

    /// <summary>How many times it has been started: lets Connect and Wait tell one run from the next.</summary>
    public int Runs { get; set; }

    /// <summary>How many runs have ended.</summary>
    public int Exits { get; set; }

    public bool Removed { get; set; }

    /// <summary>What it wrote, bounded (see <see cref="SimOutput"/>).</summary>
    public SimOutput Output { get; } = new();

    public Pulse Changed { get; } = new();

    /// <summary>Cancels the running program (stop, kill, delete).</summary>
    public CancellationTokenSource? Program { get; set; }

    /// <summary>Stdin of the current run, when a Connect supplied one.</summary>
    public Stream? Stdin { get; set; }

    /// <summary>The current run's program; completes when it has ended and its exit is recorded.</summary>
    public Task? Run { get; set; }

    /// <summary>The exit code a stop or kill imposes on the run it ends.</summary>
    public int? KillExitCode { get; set; }

    /// <summary>Docker's <c>HostConfig.NetworkMode</c> as the container shows it.</summary>
    public string NetworkMode { get; set { field = value; Snapshot = null; } } = "bridge";

    /// <summary>The ids of the networks it is on, the primary one first.</summary>
    public IReadOnlyList<string> NetworkIds => _networkIds;

    /// <summary>The record as of the last change, once built (by the host, which adds the network endpoints); null after a change.</summary>
    public ContainerRecord? Snapshot { get; set; }

    public void JoinNetwork(string networkId)
    {
        _networkIds.Add(networkId);
        Snapshot = null;
    }

    public void LeaveNetwork(string networkId)
    {
        _networkIds.Remove(networkId);
        Snapshot = null;
    }

    public void LeaveNetworks()
    {
        _networkIds.Clear();
        Snapshot = null;
    }

    /// <summary>Its mounts, resolved at create.</summary>
    public IReadOnlyList<MountPoint> Mounts { get; set { field = value; Snapshot = null; } } = [];

    /// <summary>The host ports its current run holds (allocated at start, as dockerd does; a stopped container holds none).</summary>
    public IReadOnlyList<PortMapping> Allocated { get; set { field = value; Snapshot = null; } } = [];

    public ContainerRecord ToRecord(string driver, IReadOnlyList<NetworkEndpoint> networks) => new()
    {
        Id = Id,
        Name = Name,
        Image = Spec.Image,
        ImageId = Image.Id,
        Cmd = Spec.Cmd.Count > 0 || Spec.Entrypoint.Count > 0 ? Spec.Cmd : SimImages.DefaultCmd(Image),
        Entrypoint = Spec.Entrypoint,
        Env = Spec.Env,
        Labels = Spec.Labels,
        Created = Created,
        State = new ContainerState
        {
            Status = Status,
            ExitCode = ExitCode,
            StartedAt = StartedAt,
            FinishedAt = FinishedAt,
            Pid = Status is ContainerStatus.Running or ContainerStatus.Paused ? 1000 + (Math.Abs(Id.GetHashCode(StringComparison.Ordinal)) % 30000) : 0,
        },
        Tty = Spec.Tty,
        OpenStdin = Spec.OpenStdin,
        Ports = Ports(),
        PortBindings = Spec.PortBindings,
        PublishAllPorts = Spec.PublishAllPorts,
        Mounts = Mounts,
        AutoRemove = Spec.AutoRemove,
        Memory = Spec.Memory,
        NanoCpus = Spec.NanoCpus,
        Hostname = Spec.Hostname ?? Id[..12],
        RestartCount = RestartCount,
        NetworkMode = NetworkMode,
        Networks = networks,
        Driver = driver,
    };

    // The exposed ports; while it runs, each published one as often as it is bound, with the host port it holds.
    private List<PortMapping> Ports()
    {
        var exposed = Spec.ExposedPorts.Select(SimImages.ParsePort).OfType<PortMapping>()
            .Concat(Spec.PortBindings.Select(b => new PortMapping(b.PrivatePort, b.Type)))
            .DistinctBy(p => (p.PrivatePort, p.Type));
        var live = Status is ContainerStatus.Running or ContainerStatus.Paused or ContainerStatus.Restarting;
        return [.. exposed.SelectMany(p => live && Allocated.Any(a => a.PrivatePort == p.PrivatePort && a.Type == p.Type)
            ? Allocated.Where(a => a.PrivatePort == p.PrivatePort && a.Type == p.Type)
            : [p])];
    }
}
