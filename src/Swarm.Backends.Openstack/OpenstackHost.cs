using System.Security.Cryptography;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Swarm.Backends.Openstack.Compute.V2;
using Swarm.Backends.Openstack.Config;
using Swarm.Backends.Openstack.Host;
using Swarm.Backends.Openstack.Http;
using Swarm.Core.Beam;
using Swarm.Core.Containers;

namespace Swarm.Backends.Openstack;

/// <summary>
/// Containers as OpenStack Nova servers (see docs/openstack.md for the mapping). Talks to the cloud only when
/// asked: <see cref="EnsureConnectedAsync"/> (called by the instance's start) or the first request.
/// </summary>
public sealed partial class OpenstackHost : IContainerHost, IDisposable
{
    private static readonly TimeSpan CacheLifetime = TimeSpan.FromMinutes(5);

    private readonly OpenstackCloud _cloud;
    private readonly OpenstackOptions _options;
    private readonly ILogger _logger;
    private readonly TimeProvider _time;
    private readonly NameLocks _names = new();
    private readonly Dictionary<string, string> _imageNames = new(StringComparer.Ordinal);
    private (IReadOnlyList<Flavor> Flavors, DateTimeOffset At)? _flavors;
    private DateTimeOffset _imageNamesAt = DateTimeOffset.MinValue;

    /// <summary>Creates a host for <paramref name="credentials"/>; nothing is contacted yet.</summary>
    public OpenstackHost(OpenstackOptions options, OpenstackCredentials credentials, ILogger? logger = null, RetryPolicy? retry = null, TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(credentials);
        _options = options;
        _logger = logger ?? NullLogger.Instance;
        _time = time ?? TimeProvider.System;
        _cloud = new OpenstackCloud(credentials, options, retry ?? RetryPolicy.Default, _logger, _time);
    }

    /// <inheritdoc />
    public string Name => _options.Name;

    /// <summary>How many Keystone tokens this host has been issued.</summary>
    public int TokensIssued => _cloud.Tokens.Issued;

    /// <summary>Authenticates and finds the Nova and Glance endpoints (fails with a Beam error if it cannot).</summary>
    public Task EnsureConnectedAsync(CancellationToken cancellationToken) => _cloud.ConnectAsync(cancellationToken);

    /// <inheritdoc />
    public async Task<IReadOnlyList<ContainerRecord>> ListAsync(CancellationToken cancellationToken)
    {
        var servers = await VisibleServersAsync(null, cancellationToken).ConfigureAwait(false);
        return await ToRecordsAsync(servers, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task<string> ResolveAsync(string reference, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(reference);
        var wanted = reference.TrimStart('/');
        if (Guid.TryParse(wanted, out _))
        {
            return (await FindServerAsync(wanted, cancellationToken).ConfigureAwait(false)).Id;
        }

        var servers = await VisibleServersAsync(null, cancellationToken).ConfigureAwait(false);
        var named = servers.Where(s => string.Equals(s.Name, wanted, StringComparison.Ordinal)).ToList();
        var matches = named.Count > 0 ? named : [.. servers.Where(s => s.Id.StartsWith(wanted, StringComparison.OrdinalIgnoreCase))];
        return matches.Count switch
        {
            1 => matches[0].Id,
            0 => throw BeamException.NotFound($"No such container: {reference}"),
            _ => throw BeamException.Invalid(named.Count > 1
                ? $"multiple Nova servers are named {wanted}; use the id"
                : $"multiple containers found with provided prefix: {reference}"),
        };
    }

    /// <inheritdoc />
    public async Task<ContainerRecord> GetAsync(string id, CancellationToken cancellationToken)
    {
        var server = await FindServerAsync(id, cancellationToken).ConfigureAwait(false);
        return (await ToRecordsAsync([server], cancellationToken).ConfigureAwait(false))[0];
    }

    /// <inheritdoc />
    public void Dispose() => _cloud.Dispose();

    private bool Visible(Server server) => _options.AllServers || ServerMetadata.IsManaged(server.Metadata);

    private async Task<List<Server>> VisibleServersAsync(IReadOnlyDictionary<string, string>? filters, CancellationToken cancellationToken)
    {
        var compute = await _cloud.ComputeAsync(cancellationToken).ConfigureAwait(false);
        var servers = await compute.ListServersAsync(filters, cancellationToken).ConfigureAwait(false);
        return [.. servers.Where(s => Visible(s) && !IsGone(s)).OrderByDescending(s => s.Created)];
    }

    private async Task<Server> FindServerAsync(string id, CancellationToken cancellationToken)
    {
        var compute = await _cloud.ComputeAsync(cancellationToken).ConfigureAwait(false);
        var server = Guid.TryParse(id, out _) ? await compute.GetServerAsync(id, cancellationToken).ConfigureAwait(false) : null;
        return server is not null && Visible(server) && !IsGone(server)
            ? server
            : throw BeamException.NotFound($"No such container: {id}");
    }

    private static bool IsGone(Server server) =>
        string.Equals(server.Status, "DELETED", StringComparison.OrdinalIgnoreCase)
        || string.Equals(server.Status, "SOFT_DELETED", StringComparison.OrdinalIgnoreCase);

    private async Task<IReadOnlyList<ContainerRecord>> ToRecordsAsync(IReadOnlyList<Server> servers, CancellationToken cancellationToken)
    {
        // Names come from metadata (managed servers) or caches filled by whole listings, never per server.
        if (servers.Any(s => ServerMetadata.Image(s.Metadata ?? new Dictionary<string, string>()) is null && s.ImageId.Length > 0 && ImageName(s.ImageId) is null))
        {
            await RefreshImageNamesAsync(cancellationToken).ConfigureAwait(false);
        }

        if (servers.Any(s => s.Flavor is { OriginalName: null, Id: not null }))
        {
            await FlavorsAsync(cancellationToken).ConfigureAwait(false);
        }

        return [.. servers.Select(s => ServerRecords.ToRecord(s, ImageName, FlavorName))];
    }

    private string? ImageName(string id)
    {
        lock (_imageNames)
        {
            return _imageNames.TryGetValue(id, out var name) ? name : null;
        }
    }

    private string? FlavorName(string? id) =>
        id is null || _flavors is not { } cached ? null : Flavors.Find(id, cached.Flavors)?.Name;

    private async Task RefreshImageNamesAsync(CancellationToken cancellationToken)
    {
        if (_time.GetUtcNow() - _imageNamesAt < CacheLifetime)
        {
            return;
        }

        var images = await _cloud.ImagesAsync(cancellationToken).ConfigureAwait(false);
        var all = await images.ListAsync(null, cancellationToken).ConfigureAwait(false);
        lock (_imageNames)
        {
            foreach (var image in all)
            {
                _imageNames[image.Id] = image.Name ?? image.Id;
            }
        }

        _imageNamesAt = _time.GetUtcNow();
    }

    private async Task<IReadOnlyList<Flavor>> FlavorsAsync(CancellationToken cancellationToken, bool refresh = false)
    {
        if (!refresh && _flavors is { } cached && _time.GetUtcNow() - cached.At < CacheLifetime)
        {
            return cached.Flavors;
        }

        var compute = await _cloud.ComputeAsync(cancellationToken).ConfigureAwait(false);
        var flavors = await compute.ListFlavorsAsync(cancellationToken).ConfigureAwait(false);
        _flavors = (flavors, _time.GetUtcNow());
        return flavors;
    }

    private static string ValidName(string name) => ContainerName().IsMatch(name)
        ? name
        : throw BeamException.Invalid($"Invalid container name ({name}), only [a-zA-Z0-9][a-zA-Z0-9_.-] are allowed");

    private static string GeneratedName() => "swarm-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(4));

    [GeneratedRegex("^[a-zA-Z0-9][a-zA-Z0-9_.-]*$")]
    private static partial Regex ContainerName();
}
