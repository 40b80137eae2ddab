using System.Globalization;
using Swarm.Backends.DockerServer.Http;
using Swarm.Backends.DockerServer.Wire;
using Swarm.Core.Containers;

namespace Swarm.Backends.DockerServer.Routes;

/// <summary>A backend's <see cref="ContainerRecord"/> in Docker's shapes (list item, inspect).</summary>
internal static class ContainerViews
{
    public static ContainerSummary Summary(ContainerRecord record, DateTimeOffset now, bool size) => new()
    {
        Id = record.Id,
        Names = ["/" + record.Name],
        Image = record.Image,
        ImageId = ImageReference.DockerId(record.ImageId),
        Command = record.CommandLine,
        Created = record.Created.ToUnixTimeSeconds(),
        Ports = record.Ports.Count == 0 ? [] : [.. record.Ports.Select(p => new PortSummary
        {
            Ip = p.PublicPort is null ? null : p.Ip ?? "0.0.0.0",
            PrivatePort = p.PrivatePort,
            PublicPort = p.PublicPort,
            Type = p.Type,
        })],
        SizeRw = size ? 0 : null,
        SizeRootFs = size ? 0 : null,
        Labels = record.Labels,
        State = DockerText.State(record.State.Status),
        Status = DockerText.Status(record.State, now),
        HostConfig = record.NetworkMode == SummaryHostConfig.Default.NetworkMode ? SummaryHostConfig.Default : new SummaryHostConfig { NetworkMode = record.NetworkMode },
        NetworkSettings = record.Networks.Count == 0 ? SummaryNetworkSettings.Default : new SummaryNetworkSettings { Networks = NetworkViews.Endpoints(record) },
        Mounts = Mounts(record),
    };

    public static ContainerInspect Inspect(ContainerRecord record)
    {
        var argv = record.Entrypoint.Concat(record.Cmd).ToArray();
        var state = record.State;
        return new ContainerInspect
        {
            Id = record.Id,
            Created = DockerText.Rfc3339(record.Created),
            Path = argv.Length > 0 ? argv[0] : "",
            Args = argv.Length > 1 ? argv[1..] : [],
            State = new InspectState
            {
                Status = DockerText.State(state.Status),
                Running = state.Running,
                Paused = state.Status == ContainerStatus.Paused,
                Restarting = state.Status == ContainerStatus.Restarting,
                Dead = state.Status == ContainerStatus.Dead,
                Pid = state.Pid,
                ExitCode = state.ExitCode,
                Error = state.Error,
                StartedAt = DockerText.Rfc3339(state.StartedAt),
                FinishedAt = DockerText.Rfc3339(state.FinishedAt),
            },
            Image = record.ImageId is { Length: > 0 } imageId ? ImageReference.DockerId(imageId) : record.Image,
            Name = "/" + record.Name,
            RestartCount = record.RestartCount,
            Driver = record.Driver,
            HostConfig = new InspectHostConfig
            {
                NetworkMode = record.NetworkMode,
                AutoRemove = record.AutoRemove,
                Memory = record.Memory,
                NanoCpus = record.NanoCpus,
                PortBindings = record.PortBindings.Count > 0
                    ? record.PortBindings.GroupBy(Key).ToDictionary(g => g.Key, g => g.Select(Asked).ToArray())
                    : null,
                PublishAllPorts = record.PublishAllPorts,
            },
            Mounts = Mounts(record),
            Config = new InspectConfig
            {
                Hostname = record.Hostname,
                AttachStdout = true,
                AttachStderr = true,
                ExposedPorts = record.Ports.Count == 0 ? null : record.Ports.Select(Key).Distinct().ToDictionary(k => k, _ => EmptyObject.Instance),
                Tty = record.Tty,
                OpenStdin = record.OpenStdin,
                Env = record.Env,
                Cmd = record.Cmd.Count == 0 ? null : record.Cmd,
                Image = record.Image,
                Entrypoint = record.Entrypoint.Count == 0 ? null : record.Entrypoint,
                Labels = record.Labels,
            },
            NetworkSettings = new InspectNetworkSettings
            {
                Networks = NetworkViews.Endpoints(record),
                IPAddress = Bridge(record)?.IPAddress ?? "",
                Gateway = Bridge(record)?.Gateway ?? "",
                MacAddress = Bridge(record)?.MacAddress ?? "",
                Ports = record.Ports.GroupBy(Key).ToDictionary(
                    g => g.Key,
                    g => g.Any(p => p.PublicPort is not null) ? g.Where(p => p.PublicPort is not null).Select(Binding).ToArray() : null),
            },
            Backend = record.Details,
        };
    }

    // dockerd fills NetworkSettings' top-level address fields from the default bridge only.
    private static NetworkEndpoint? Bridge(ContainerRecord record) => record.Networks.FirstOrDefault(e => e.Network == DockerNetworks.Bridge);

    private static string Key(PortMapping port) => string.Create(CultureInfo.InvariantCulture, $"{port.PrivatePort}/{port.Type}");

    private static MountPointResource[] Mounts(ContainerRecord record) => record.Mounts.Count == 0 ? [] : [.. record.Mounts.Select(m => new MountPointResource
    {
        Type = m.Type.ToString().ToLowerInvariant(),
        Name = m.Type == MountType.Volume ? m.Name : null,
        Source = m.Source,
        Destination = m.Destination,
        Driver = m.Type == MountType.Volume ? m.Driver : null,
        Mode = m.Mode,
        RW = m.RW,
        Propagation = m.Propagation,
    })];

    // A binding as asked: the host port empty when the backend chooses it, the address the backend's when it has one.
    private static PortBinding Asked(PortMapping port) => new()
    {
        HostIp = port.Ip ?? "",
        HostPort = port.PublicPort?.ToString(CultureInfo.InvariantCulture) ?? "",
    };

    private static PortBinding Binding(PortMapping port) => new()
    {
        HostIp = port.Ip ?? "0.0.0.0",
        HostPort = port.PublicPort?.ToString(CultureInfo.InvariantCulture) ?? "",
    };
}
