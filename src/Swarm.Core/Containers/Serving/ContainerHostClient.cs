using System.Runtime.CompilerServices;
using Swarm.Core.Beam;

namespace Swarm.Core.Containers;

/// <summary>
/// The container host at the other end of a Beam hop, as the same interfaces a backend implements: each call is one
/// verb (see <c>docs/beam-protocol.md</c>). Handles it returns are <see cref="RemoteContainer"/>s; container calls
/// take them back and go straight to the container, with no lookup. Error replies are thrown as
/// <see cref="BeamException"/>s of the same kind; a role the far end lacks is its not-implemented error.
/// </summary>
public sealed class ContainerHostClient : IContainerHost, IContainerLifecycle, IContainerLogs, IContainerAttach, IContainerEvents, IImageCatalog, INetworkHost, IVolumeHost
{
    private readonly IBeamSender _target;

    /// <summary>Creates a client for the instance behind <paramref name="target"/>.</summary>
    public ContainerHostClient(IBeamSender target, string name = "next")
    {
        ArgumentNullException.ThrowIfNull(target);
        _target = target;
        Name = name;
    }

    /// <inheritdoc />
    public string Name { get; }

    /// <inheritdoc />
    public async Task<HostInfo> GetInfoAsync(CancellationToken cancellationToken) =>
        (await BeamClient.CallAsync<HostInfoBody>(_target, Verb.Get, null, cancellationToken).ConfigureAwait(false)).Info;

    /// <inheritdoc />
    public async Task<IReadOnlyList<ContainerRecord>> ListAsync(CancellationToken cancellationToken) =>
        (await BeamClient.CallAsync<ContainerListBody>(_target, Verb.List, null, cancellationToken).ConfigureAwait(false)).Containers;

    /// <inheritdoc />
    public Task<ContainerHandle> ResolveAsync(string reference, CancellationToken cancellationToken) =>
        HandleAsync(Verb.Resolve, new ReferenceBody(reference), cancellationToken);

    /// <inheritdoc />
    public async Task<ContainerRecord> GetAsync(ContainerHandle container, CancellationToken cancellationToken) =>
        (await BeamClient.CallAsync<ContainerBody>(Route(container), Verb.Get, null, cancellationToken).ConfigureAwait(false)).Record;

    /// <inheritdoc />
    public Task<ContainerHandle> CreateAsync(ContainerSpec spec, CancellationToken cancellationToken) =>
        HandleAsync(Verb.Create, new SpecBody(spec), cancellationToken);

    /// <inheritdoc />
    public Task DeleteAsync(ContainerHandle container, bool force, CancellationToken cancellationToken) =>
        BeamClient.CallAsync(Route(container), Verb.Delete, new DeleteBody(force), cancellationToken);

    /// <inheritdoc />
    public async Task<bool> StartAsync(ContainerHandle container, CancellationToken cancellationToken) =>
        (await BeamClient.CallAsync<ChangedBody>(Route(container), Verb.Start, null, cancellationToken).ConfigureAwait(false)).Changed;

    /// <inheritdoc />
    public async Task<bool> StopAsync(ContainerHandle container, TimeSpan? timeout, CancellationToken cancellationToken) =>
        (await BeamClient.CallAsync<ChangedBody>(Route(container), Verb.Stop, new TimeoutBody(timeout), cancellationToken).ConfigureAwait(false)).Changed;

    /// <inheritdoc />
    public Task RestartAsync(ContainerHandle container, TimeSpan? timeout, CancellationToken cancellationToken) =>
        BeamClient.CallAsync(Route(container), Verb.Restart, new TimeoutBody(timeout), cancellationToken);

    /// <inheritdoc />
    public Task KillAsync(ContainerHandle container, string signal, CancellationToken cancellationToken) =>
        BeamClient.CallAsync(Route(container), Verb.Kill, new SignalBody(signal), cancellationToken);

    /// <inheritdoc />
    public Task PauseAsync(ContainerHandle container, CancellationToken cancellationToken) =>
        BeamClient.CallAsync(Route(container), Verb.Pause, null, cancellationToken);

    /// <inheritdoc />
    public Task UnpauseAsync(ContainerHandle container, CancellationToken cancellationToken) =>
        BeamClient.CallAsync(Route(container), Verb.Unpause, null, cancellationToken);

    /// <inheritdoc />
    public Task RenameAsync(ContainerHandle container, string newName, CancellationToken cancellationToken) =>
        BeamClient.CallAsync(Route(container), Verb.Rename, new NameBody(newName), cancellationToken);

    /// <inheritdoc />
    public async Task<WaitResult> WaitAsync(ContainerHandle container, WaitCondition condition, CancellationToken cancellationToken) =>
        (await BeamClient.CallAsync<WaitResultBody>(Route(container), Verb.Wait, new WaitBody(condition), cancellationToken).ConfigureAwait(false)).Result;

    /// <inheritdoc />
    public IAsyncEnumerable<LogEntry> LogsAsync(ContainerHandle container, LogOptions options, CancellationToken cancellationToken) =>
        Entries(BeamClient.StreamAsync(Route(container), Verb.Logs, new LogOptionsBody(options), cancellationToken), cancellationToken);

    /// <inheritdoc />
    public IAsyncEnumerable<LogEntry> ConnectAsync(ContainerHandle container, Stream? stdin, CancellationToken cancellationToken) =>
        Entries(BeamClient.StreamAsync(Route(container), Verb.Connect, null, cancellationToken, stdin), cancellationToken);

    /// <inheritdoc />
    public async IAsyncEnumerable<ContainerEvent> WatchAsync(WatchOptions options, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var reply in BeamClient.StreamAsync(_target, Verb.Watch, new WatchBody(options), cancellationToken).ConfigureAwait(false))
        {
            if (reply.Body is EventBody e)
            {
                yield return e.Event;
            }
        }
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<ImageRecord>> ListImagesAsync(CancellationToken cancellationToken) =>
        (await BeamClient.CallAsync<ImageListBody>(_target, Verb.Images, new ImageQueryBody(null), cancellationToken).ConfigureAwait(false)).Images;

    /// <inheritdoc />
    public async Task<ImageRecord> GetImageAsync(string reference, CancellationToken cancellationToken)
    {
        var images = (await BeamClient.CallAsync<ImageListBody>(_target, Verb.Images, new ImageQueryBody(reference), cancellationToken).ConfigureAwait(false)).Images;
        return images.Count == 1 ? images[0] : throw new BeamException(BeamErrorKind.Internal, $"Images {reference} answered {images.Count} images instead of one");
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<NetworkRecord>> ListNetworksAsync(CancellationToken cancellationToken) =>
        (await BeamClient.CallAsync<NetworkListBody>(_target, Verb.Networks, new NetworkQueryBody(null), cancellationToken).ConfigureAwait(false)).Networks;

    /// <inheritdoc />
    public async Task<NetworkRecord> GetNetworkAsync(string reference, CancellationToken cancellationToken)
    {
        var networks = (await BeamClient.CallAsync<NetworkListBody>(_target, Verb.Networks, new NetworkQueryBody(reference), cancellationToken).ConfigureAwait(false)).Networks;
        return networks.Count == 1 ? networks[0] : throw new BeamException(BeamErrorKind.Internal, $"Networks {reference} answered {networks.Count} networks instead of one");
    }

    /// <inheritdoc />
    public async Task<NetworkRecord> CreateNetworkAsync(NetworkSpec spec, CancellationToken cancellationToken) =>
        (await BeamClient.CallAsync<NetworkBody>(_target, Verb.NetworkCreate, new NetworkSpecBody(spec), cancellationToken).ConfigureAwait(false)).Record;

    /// <inheritdoc />
    public Task DeleteNetworkAsync(string reference, CancellationToken cancellationToken) =>
        BeamClient.CallAsync(_target, Verb.NetworkDelete, new ReferenceBody(reference), cancellationToken);

    /// <inheritdoc />
    public Task ConnectNetworkAsync(ContainerHandle container, EndpointSpec endpoint, CancellationToken cancellationToken) =>
        BeamClient.CallAsync(Route(container), Verb.NetworkConnect, new EndpointBody(endpoint), cancellationToken);

    /// <inheritdoc />
    public Task DisconnectNetworkAsync(ContainerHandle container, string network, bool force, CancellationToken cancellationToken) =>
        BeamClient.CallAsync(Route(container), Verb.NetworkDisconnect, new DisconnectBody(network, force), cancellationToken);

    /// <inheritdoc />
    public async Task<IReadOnlyList<VolumeRecord>> ListVolumesAsync(CancellationToken cancellationToken) =>
        (await BeamClient.CallAsync<VolumeListBody>(_target, Verb.Volumes, new VolumeQueryBody(null), cancellationToken).ConfigureAwait(false)).Volumes;

    /// <inheritdoc />
    public async Task<VolumeRecord> GetVolumeAsync(string name, CancellationToken cancellationToken)
    {
        var volumes = (await BeamClient.CallAsync<VolumeListBody>(_target, Verb.Volumes, new VolumeQueryBody(name), cancellationToken).ConfigureAwait(false)).Volumes;
        return volumes.Count == 1 ? volumes[0] : throw new BeamException(BeamErrorKind.Internal, $"Volumes {name} answered {volumes.Count} volumes instead of one");
    }

    /// <inheritdoc />
    public async Task<VolumeRecord> CreateVolumeAsync(VolumeSpec spec, CancellationToken cancellationToken) =>
        (await BeamClient.CallAsync<VolumeBody>(_target, Verb.VolumeCreate, new VolumeSpecBody(spec), cancellationToken).ConfigureAwait(false)).Record;

    /// <inheritdoc />
    public Task DeleteVolumeAsync(string name, bool force, CancellationToken cancellationToken) =>
        BeamClient.CallAsync(_target, Verb.VolumeDelete, new VolumeDeleteBody(name, force), cancellationToken);

    private static IBeamSender Route(ContainerHandle container) => container switch
    {
        RemoteContainer remote => remote.Route,
        null => throw new ArgumentNullException(nameof(container)),
        _ => throw new ArgumentException($"container {container.Id} was not handed out by a Beam client, so it has no route", nameof(container)),
    };

    private async Task<ContainerHandle> HandleAsync(Verb verb, BeamBody body, CancellationToken cancellationToken)
    {
        var reply = await BeamClient.CallAsync(_target, verb, body, cancellationToken).ConfigureAwait(false);
        var record = BeamClient.Expect<ContainerBody>(reply, verb).Record;
        return reply.Ret is { } route
            ? new RemoteContainer(record, route)
            : throw new BeamException(BeamErrorKind.Internal, $"the Ack to {verb} carried no container handle");
    }

    private static async IAsyncEnumerable<LogEntry> Entries(IAsyncEnumerable<Message> replies, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var reply in replies.WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            if (reply.Body is LogBody log)
            {
                yield return log.Entry;
            }
        }
    }
}
