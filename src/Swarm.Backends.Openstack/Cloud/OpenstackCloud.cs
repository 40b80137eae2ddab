using Flurl;
using Microsoft.Extensions.Logging;
using Swarm.Backends.Openstack.BlockStorage.V3;
using Swarm.Backends.Openstack.Compute.V2;
using Swarm.Backends.Openstack.Config;
using Swarm.Backends.Openstack.Http;
using Swarm.Backends.Openstack.Identity.V3;
using Swarm.Backends.Openstack.Image.V2;
using Swarm.Backends.Openstack.Network.V2;
using Swarm.Core.Beam;

namespace Swarm.Backends.Openstack.Cloud;

/// <summary>
/// The connection to one cloud: the token, the Nova and Glance clients made from its catalog on first use (a failed
/// first use is tried again on the next call, so a cloud that comes up later is picked up), the Neutron client made
/// the first time a network is needed (a cloud without Neutron serves containers without networks), and the one
/// <see cref="ServerPoller"/> every wait on a server subscribes to.
/// </summary>
internal sealed class OpenstackCloud : IAsyncDisposable
{
    private readonly OpenstackCredentials _credentials;
    private readonly OpenstackOptions _options;
    private readonly RetryPolicy _retry;
    private readonly ILogger _logger;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private ComputeClient? _compute;
    private ImageClient? _images;
    private NetworkClient? _network;
    private BlockStorageClient? _storage;

    public OpenstackCloud(OpenstackCredentials credentials, OpenstackOptions options, RetryPolicy retry, ILogger logger, TimeProvider time)
    {
        _credentials = credentials;
        _options = options;
        _retry = retry;
        _logger = logger;
        Tokens = new TokenManager(credentials, retry, logger, time);
        Poller = new ServerPoller(async ct => (await ComputeAsync(ct).ConfigureAwait(false)).Servers, options.PollInterval, time, logger);
    }

    /// <summary>How many requests have gone to Nova's servers API.</summary>
    public long ServerCalls => _compute?.Servers.Calls ?? 0;

    /// <summary>How many requests have gone to Neutron.</summary>
    public long NetworkCalls => _network?.Calls ?? 0;

    /// <summary>How many requests have gone to Cinder.</summary>
    public long StorageCalls => _storage?.Calls ?? 0;

    /// <summary>The changes-since poller of this connection.</summary>
    public ServerPoller Poller { get; }

    public TokenManager Tokens { get; }

    /// <summary>Where the credentials point, for info and messages.</summary>
    public string AuthUrl => _credentials.AuthUrl;

    public string? Region => _options.Region ?? _credentials.RegionName;

    public async ValueTask<ComputeClient> ComputeAsync(CancellationToken cancellationToken) =>
        _compute ?? (await ConnectAsync(cancellationToken).ConfigureAwait(false)).Compute;

    public async ValueTask<ImageClient> ImagesAsync(CancellationToken cancellationToken) =>
        _images ?? (await ConnectAsync(cancellationToken).ConfigureAwait(false)).Images;

    /// <summary>Authenticates and finds the endpoints; idempotent.</summary>
    public async Task<(ComputeClient Compute, ImageClient Images)> ConnectAsync(CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_compute is not null && _images is not null)
            {
                return (_compute, _images);
            }

            var catalog = await Tokens.GetCatalogAsync(cancellationToken).ConfigureAwait(false);
            var endpointInterface = _options.Interface ?? _credentials.Interface ?? "public";
            var computeUrl = catalog.Find("compute", endpointInterface, Region);
            var imageUrl = catalog.Find("image", endpointInterface, Region);
            var microversion = await NegotiateAsync(computeUrl, cancellationToken).ConfigureAwait(false);
            Log.ComputeReady(_logger, computeUrl, microversion);
            _images = new ImageClient(new ServiceClient("Glance", imageUrl, Tokens, _retry, _logger));
            _compute = new ComputeClient(new ServiceClient("Nova", computeUrl, Tokens, _retry, _logger, ComputeClient.Headers(microversion)), microversion);
            return (_compute, _images);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Whether the cloud has Neutron (its catalog a <c>network</c> endpoint).</summary>
    public async ValueTask<bool> HasNetworkAsync(CancellationToken cancellationToken) =>
        _network is not null
        || (await Tokens.GetCatalogAsync(cancellationToken).ConfigureAwait(false)).Has("network", _options.Interface ?? _credentials.Interface ?? "public", Region);

    /// <summary>Whether the cloud has Cinder (its catalog a <c>volumev3</c> or <c>block-storage</c> endpoint).</summary>
    public async ValueTask<bool> HasBlockStorageAsync(CancellationToken cancellationToken)
    {
        if (_storage is not null)
        {
            return true;
        }

        var catalog = await Tokens.GetCatalogAsync(cancellationToken).ConfigureAwait(false);
        var endpointInterface = _options.Interface ?? _credentials.Interface ?? "public";
        return catalog.Has("volumev3", endpointInterface, Region) || catalog.Has("block-storage", endpointInterface, Region);
    }

    /// <summary>Neutron, from the catalog's <c>network</c> endpoint, made on first use.</summary>
    public async ValueTask<NetworkClient> NetworkAsync(CancellationToken cancellationToken)
    {
        if (_network is { } ready)
        {
            return ready;
        }

        var catalog = await Tokens.GetCatalogAsync(cancellationToken).ConfigureAwait(false);
        var url = catalog.Find("network", _options.Interface ?? _credentials.Interface ?? "public", Region);
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return _network ??= new NetworkClient(new ServiceClient("Neutron", url, Tokens, _retry, _logger));
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>
    /// Cinder, from the catalog's <c>volumev3</c> endpoint (<c>block-storage</c> on clouds that name it so), made on first
    /// use (a cloud without Cinder serves containers without volumes). The URL carries the project's id.
    /// </summary>
    public async ValueTask<BlockStorageClient> BlockStorageAsync(CancellationToken cancellationToken)
    {
        if (_storage is { } ready)
        {
            return ready;
        }

        var catalog = await Tokens.GetCatalogAsync(cancellationToken).ConfigureAwait(false);
        var endpointInterface = _options.Interface ?? _credentials.Interface ?? "public";
        string url;
        try
        {
            url = catalog.Find("volumev3", endpointInterface, Region);
        }
        catch (BeamException)
        {
            url = catalog.Find("block-storage", endpointInterface, Region);
        }

        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return _storage ??= new BlockStorageClient(new ServiceClient("Cinder", url, Tokens, _retry, _logger));
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>The id of the project swarmd works in (from the token).</summary>
    public async ValueTask<string> ProjectIdAsync(CancellationToken cancellationToken) =>
        await Tokens.GetProjectIdAsync(cancellationToken).ConfigureAwait(false)
        ?? throw BeamException.Unavailable("openstack: the token is not scoped to a project, so swarmd cannot tell which routers and security groups are its own");

    public async ValueTask DisposeAsync()
    {
        await Poller.DisposeAsync().ConfigureAwait(false);
        _compute?.Dispose();
        _images?.Dispose();
        _network?.Dispose();
        _storage?.Dispose();
        Tokens.Dispose();
        _gate.Dispose();
    }

    private async Task<string> NegotiateAsync(string computeUrl, CancellationToken cancellationToken)
    {
        using var probe = new ServiceClient("Nova", computeUrl, Tokens, _retry, _logger);
        var response = await probe.GetAsync(new Url(computeUrl.TrimEnd('/') + "/"), cancellationToken).ConfigureAwait(false);
        var max = response.IsSuccess
            ? response.Read(OpenstackJson.Default.ComputeVersionResult, "compute API version").Version?.Version
            : null;
        if (max is null)
        {
            // No version document at the endpoint (a catalog URL with a project id): ask for the preferred one.
            return Microversion.Preferred;
        }

        return Microversion.Choose(max) ?? throw BeamException.Unavailable(
            $"openstack: Nova at {computeUrl} supports microversions up to {(max.Length == 0 ? "2.0" : max)}; swarmd needs {Microversion.Minimum} or later");
    }
}
