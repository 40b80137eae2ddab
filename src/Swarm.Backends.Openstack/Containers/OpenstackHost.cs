using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Swarm.Backends.Openstack.Cloud;
using Swarm.Backends.Openstack.Config;
using Swarm.Backends.Openstack.Http;
using Swarm.Core.Beam;
using Swarm.Core.Containers;

namespace Swarm.Backends.Openstack.Containers;

/// <summary>
/// Containers as OpenStack Nova servers (see docs/openstack.md for the mapping): a thin host over its collaborators.
/// <see cref="ServerFinder"/> lists and resolves, <see cref="ServerNaming"/> creates and renames,
/// <see cref="ServerLifecycle"/> acts and waits, <see cref="ConsoleLogs"/> and <see cref="EventFeed"/> stream,
/// <see cref="NeutronNetworks"/> maps Docker networks to Neutron and <see cref="ContainerPorts"/> puts containers on
/// them, <see cref="PublishedPorts"/> forwards published ports from a floating IP, <see cref="CinderVolumes"/> maps
/// Docker volumes to Cinder, and <see cref="ImageResolver"/> and <see cref="FlavorCatalog"/> own their caches; every wait
/// goes through the connection's one poller. Talks to the cloud only when started (as a hosted service) or asked.
/// </summary>
internal sealed class OpenstackHost
    : IContainerHost, IContainerLifecycle, IContainerLogs, IContainerAttach, IContainerEvents, IImageCatalog, INetworkHost, IVolumeHost, IHostedService, IAsyncDisposable
{
    private readonly OpenstackCloud _cloud;
    private readonly OpenstackOptions _options;
    private readonly ImageResolver _images;
    private readonly FlavorCatalog _flavors;
    private readonly ServerFinder _finder;
    private readonly ServerLifecycle _lifecycle;
    private readonly ServerNaming _naming;
    private readonly ConsoleLogs _logs;
    private readonly EventFeed _events;
    private readonly NeutronNetworks _networks;
    private readonly ContainerPorts _ports;
    private readonly NetworkRouting _routing;
    private readonly PublishedPorts _published;
    private readonly CinderVolumes _volumes;
    private readonly NameClaims _claims;
    private readonly ILogger _logger;
    private readonly CancellationTokenSource _stopping = new();
    private Task _reconciled = Task.CompletedTask;

    /// <summary>Creates a host for <paramref name="credentials"/>; nothing is contacted yet.</summary>
    public OpenstackHost(OpenstackOptions options, OpenstackCredentials credentials, ILogger? logger = null, RetryPolicy? retry = null, TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(credentials);
        logger ??= NullLogger.Instance;
        time ??= TimeProvider.System;
        _options = options;
        _logger = logger;
        _cloud = new OpenstackCloud(credentials, options, retry ?? RetryPolicy.Default, logger, time);
        _images = new ImageResolver(_cloud, time);
        _flavors = new FlavorCatalog(_cloud, time);
        _claims = new NameClaims(_cloud, options, time, logger, SweepAsync);
        _networks = new NeutronNetworks(_cloud, options, _claims, time, logger);
        _finder = new ServerFinder(_cloud, options, _images, _flavors, new EndpointDetails(_cloud, _networks), time);
        _lifecycle = new ServerLifecycle(_cloud, options, _finder, time, logger);
        _routing = new NetworkRouting(_cloud, options, _networks, time, logger);
        _ports = new ContainerPorts(_cloud, options, _networks, _finder, _lifecycle, _routing, time, logger);
        _published = new PublishedPorts(_cloud, _routing, logger);
        _volumes = new CinderVolumes(_cloud, options, _finder, _claims, time, logger);
        _naming = new ServerNaming(_cloud, options, _finder, _images, _flavors, _lifecycle, _ports, _published, _volumes, _claims, time, logger);
        _logs = new ConsoleLogs(_cloud, options, _lifecycle, time);
        _events = new EventFeed(_cloud, _finder, _images, time);
    }

    /// <inheritdoc />
    public string Name => _options.Name;

    /// <summary>How many Keystone tokens this host has been issued.</summary>
    public int TokensIssued => _cloud.Tokens.Issued;

    /// <summary>How many requests have gone to Nova's servers API (listings, GETs, creates, actions, polls).</summary>
    public long ServerCalls => _cloud.ServerCalls;

    /// <summary>How many requests have gone to Neutron.</summary>
    public long NetworkCalls => _cloud.NetworkCalls;

    /// <summary>How many requests have gone to Cinder.</summary>
    public long StorageCalls => _cloud.StorageCalls;

    /// <summary>The start-up reconciliation of name claims (for tests that check what it did).</summary>
    internal Task Reconciled => _reconciled;

    /// <summary>The connection's poller (for tests and benchmarks that count its polls).</summary>
    internal ServerPoller Poller => _cloud.Poller;

    /// <summary>
    /// Authenticates and finds the Nova and Glance endpoints (bad credentials fail swarmd at start-up), then squares the
    /// name claims with the cloud in the background (<see cref="NameClaims.ReconcileAsync"/>).
    /// </summary>
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await _cloud.ConnectAsync(cancellationToken).ConfigureAwait(false);
        _reconciled = Task.Run(() => ReconcileAsync(_stopping.Token), CancellationToken.None);
    }

    /// <inheritdoc />
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        await _stopping.CancelAsync().ConfigureAwait(false);
        await _reconciled.ConfigureAwait(false);
    }

    /// <inheritdoc />
    public Task<HostInfo> GetInfoAsync(CancellationToken cancellationToken) => HostInfoReader.ReadAsync(_cloud, _options, this, cancellationToken);

    /// <inheritdoc />
    public async Task<IReadOnlyList<ContainerRecord>> ListAsync(CancellationToken cancellationToken) =>
        await _finder.RecordsAsync(await _finder.ListAsync(null, cancellationToken).ConfigureAwait(false), cancellationToken).ConfigureAwait(false);

    /// <inheritdoc />
    public async Task<ContainerHandle> ResolveAsync(string reference, CancellationToken cancellationToken) =>
        await _finder.ResolveAsync(reference, cancellationToken).ConfigureAwait(false);

    /// <inheritdoc />
    public async Task<ContainerRecord> GetAsync(ContainerHandle container, CancellationToken cancellationToken) =>
        (await _finder.GetAsync(container.Id, cancellationToken).ConfigureAwait(false)).Record;

    /// <inheritdoc />
    public async Task<ContainerHandle> CreateAsync(ContainerSpec spec, CancellationToken cancellationToken) =>
        await _naming.CreateAsync(spec, cancellationToken).ConfigureAwait(false);

    /// <summary>
    /// Deletes the server, then what swarmd made for it, in order: the port forwardings, the ports, the security group
    /// and floating IP of its published ports, (with <c>--rm</c>) its anonymous volumes, and the claim on its name. All
    /// of it is read from the server's metadata, so any swarmd process removes the same things.
    /// </summary>
    public async Task DeleteAsync(ContainerHandle container, bool force, CancellationToken cancellationToken)
    {
        var removed = await _lifecycle.DeleteAsync(Nova(container), force, cancellationToken).ConfigureAwait(false);
        var published = ServerMetadata.Published(removed.Metadata);
        await _published.UnforwardAsync(published, removed.Name, cancellationToken).ConfigureAwait(false);
        await _ports.ReleaseAsync(removed, cancellationToken).ConfigureAwait(false);
        await _published.ReleaseAsync(published, removed.Name, cancellationToken).ConfigureAwait(false);
        await _volumes.ReleaseAsync(removed, cancellationToken).ConfigureAwait(false);
        await _naming.ReleaseAsync(removed, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public Task<bool> StartAsync(ContainerHandle container, CancellationToken cancellationToken) =>
        _lifecycle.StartAsync(Nova(container), cancellationToken);

    /// <remarks>A container created with <c>--rm</c> is removed once stopped, as dockerd removes it when it exits.</remarks>
    public async Task<bool> StopAsync(ContainerHandle container, TimeSpan? timeout, CancellationToken cancellationToken)
    {
        var stopped = await _lifecycle.StopAsync(Nova(container), cancellationToken).ConfigureAwait(false);
        await AutoRemoveAsync(container, cancellationToken).ConfigureAwait(false);
        return stopped;
    }

    /// <inheritdoc />
    public Task RestartAsync(ContainerHandle container, TimeSpan? timeout, CancellationToken cancellationToken) =>
        _lifecycle.RestartAsync(Nova(container), cancellationToken);

    /// <inheritdoc />
    public async Task KillAsync(ContainerHandle container, string signal, CancellationToken cancellationToken)
    {
        await _lifecycle.KillAsync(Nova(container), signal, cancellationToken).ConfigureAwait(false);
        await AutoRemoveAsync(container, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public Task PauseAsync(ContainerHandle container, CancellationToken cancellationToken) =>
        _lifecycle.PauseAsync(Nova(container), cancellationToken);

    /// <inheritdoc />
    public Task UnpauseAsync(ContainerHandle container, CancellationToken cancellationToken) =>
        _lifecycle.UnpauseAsync(Nova(container), cancellationToken);

    /// <inheritdoc />
    public Task RenameAsync(ContainerHandle container, string newName, CancellationToken cancellationToken) =>
        _naming.RenameAsync(Nova(container), newName, cancellationToken);

    /// <inheritdoc />
    public Task<WaitResult> WaitAsync(ContainerHandle container, WaitCondition condition, CancellationToken cancellationToken) =>
        _lifecycle.WaitConditionAsync(Nova(container), condition, cancellationToken);

    /// <inheritdoc />
    public IAsyncEnumerable<LogEntry> LogsAsync(ContainerHandle container, LogOptions options, CancellationToken cancellationToken) =>
        _logs.LogsAsync(Nova(container), options, cancellationToken);

    /// <inheritdoc />
    public IAsyncEnumerable<LogEntry> ConnectAsync(ContainerHandle container, Stream? stdin, CancellationToken cancellationToken) =>
        throw BeamException.NotImplemented(
            "openstack: attach is not possible: a Nova server has no console stream to attach to; use logs -f (the console log) instead");

    /// <inheritdoc />
    public IAsyncEnumerable<ContainerEvent> WatchAsync(WatchOptions options, CancellationToken cancellationToken) =>
        _events.WatchAsync(options, cancellationToken);

    /// <inheritdoc />
    public Task<IReadOnlyList<ImageRecord>> ListImagesAsync(CancellationToken cancellationToken) => _images.ListAsync(cancellationToken);

    /// <inheritdoc />
    public Task<ImageRecord> GetImageAsync(string reference, CancellationToken cancellationToken) => _images.GetAsync(reference, cancellationToken);

    /// <inheritdoc />
    public Task<IReadOnlyList<NetworkRecord>> ListNetworksAsync(CancellationToken cancellationToken) => _networks.ListAsync(cancellationToken);

    /// <inheritdoc />
    public Task<NetworkRecord> GetNetworkAsync(string reference, CancellationToken cancellationToken) => _ports.InspectAsync(reference, cancellationToken);

    /// <inheritdoc />
    public Task<NetworkRecord> CreateNetworkAsync(NetworkSpec spec, CancellationToken cancellationToken) => _networks.CreateAsync(spec, cancellationToken);

    /// <inheritdoc />
    public Task DeleteNetworkAsync(string reference, CancellationToken cancellationToken) => _networks.DeleteAsync(reference, cancellationToken);

    /// <inheritdoc />
    public Task ConnectNetworkAsync(ContainerHandle container, EndpointSpec endpoint, CancellationToken cancellationToken) =>
        _ports.ConnectAsync(Nova(container), endpoint, cancellationToken);

    /// <inheritdoc />
    public Task DisconnectNetworkAsync(ContainerHandle container, string network, bool force, CancellationToken cancellationToken) =>
        _ports.DisconnectAsync(Nova(container), network, cancellationToken);

    /// <inheritdoc />
    public Task<IReadOnlyList<VolumeRecord>> ListVolumesAsync(CancellationToken cancellationToken) => _volumes.ListAsync(cancellationToken);

    /// <inheritdoc />
    public Task<VolumeRecord> GetVolumeAsync(string name, CancellationToken cancellationToken) => _volumes.GetAsync(name, cancellationToken);

    /// <inheritdoc />
    public Task<VolumeRecord> CreateVolumeAsync(VolumeSpec spec, CancellationToken cancellationToken) => _volumes.CreateAsync(spec, cancellationToken);

    /// <inheritdoc />
    public Task DeleteVolumeAsync(string name, bool force, CancellationToken cancellationToken) => _volumes.DeleteAsync(name, force, cancellationToken);

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync().ConfigureAwait(false);
        await _reconciled.ConfigureAwait(false);
        _stopping.Dispose();
        _claims.Dispose();
        await _cloud.DisposeAsync().ConfigureAwait(false);
        _images.Dispose();
        _flavors.Dispose();
        _networks.Dispose();
        _routing.Dispose();
    }

    // A container created with --rm goes once it has stopped (its server stays until then: Nova's servers do not exit).
    private async Task AutoRemoveAsync(ContainerHandle container, CancellationToken cancellationToken)
    {
        if (container.Record.AutoRemove)
        {
            await DeleteAsync(container, force: true, cancellationToken).ConfigureAwait(false);
        }
    }

    // Claims names held without one and removes stale claims; a cloud without Neutron has no claims, and a failure only
    // leaves those names unprotected until the next start (it is logged).
    private async Task ReconcileAsync(CancellationToken cancellationToken)
    {
        try
        {
            if (await _cloud.HasNetworkAsync(cancellationToken).ConfigureAwait(false))
            {
                await _claims.ReconcileAsync(
                    async ct => [
                        .. await _naming.HeldNamesAsync(ct).ConfigureAwait(false),
                        .. await _networks.HeldNamesAsync(ct).ConfigureAwait(false),
                        .. await _volumes.HeldNamesAsync(ct).ConfigureAwait(false),
                    ],
                    cancellationToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Stopping.
        }
        catch (Exception ex) when (ex is BeamException or HttpRequestException)
        {
            Log.ReconcileFailed(_logger, ex.Message);
        }
    }

    // What a stale claim's create left: a container's ports, security group and floating IP (a network create leaves its
    // half-made network, removed by the next create of the name; a volume create, a volume that is listed).
    private Task SweepAsync(ClaimKind kind, string name, DateTimeOffset before, CancellationToken cancellationToken) =>
        kind == ClaimKind.Container ? _naming.SweepAsync(name, before, cancellationToken) : Task.CompletedTask;

    // Hosts are handed back only the handles they made (the router binds them).
    private static NovaContainer Nova(ContainerHandle container) => container as NovaContainer
        ?? throw new ArgumentException($"container {container.Id} was not handed out by the openstack backend", nameof(container));
}
