using System.Text.RegularExpressions;
using Swarm.Backends.Openstack.Cloud;
using Swarm.Backends.Openstack.Compute.V2;
using Swarm.Core.Beam;
using Swarm.Core.Containers;

namespace Swarm.Backends.Openstack.Containers;

/// <summary>
/// Finds the servers swarmd shows (those marked <c>swarm.managed</c>, or all with <c>--all-servers</c>) and turns
/// them into container records: a listing is one call per page, a full id one <c>GET /servers/{id}</c>, a name one
/// filtered listing, and a container this process created in the last <see cref="CreatedFreshFor"/> no call at all
/// (the CLI's <c>run -d</c> sends wait and start right after create). Every listing and GET is reported to the poller.
/// </summary>
internal sealed partial class ServerFinder(OpenstackCloud cloud, OpenstackOptions options, ImageResolver images, FlavorCatalog flavors, EndpointDetails endpoints, TimeProvider time)
{
    /// <summary>How long a container this process created is answered from memory.</summary>
    public static readonly TimeSpan CreatedFreshFor = TimeSpan.FromSeconds(2);

    private volatile Snapshot<string, NovaContainer> _created = Snapshot<string, NovaContainer>.Empty;

    /// <summary>Whether swarmd shows this server.</summary>
    public bool Visible(Server server) => options.AllServers || ServerMetadata.IsManaged(server.Metadata);

    /// <summary>The visible servers (filtered by Nova's <paramref name="filters"/>), newest first, none on its way out.</summary>
    public async Task<List<Server>> ListAsync(IReadOnlyDictionary<string, string>? filters, CancellationToken cancellationToken)
    {
        var compute = await cloud.ComputeAsync(cancellationToken).ConfigureAwait(false);
        var startedAt = time.GetUtcNow();
        var servers = await compute.Servers.ListAsync(filters, cancellationToken).ConfigureAwait(false);
        cloud.Poller.Observe(servers, startedAt);
        return [.. servers.Where(s => Visible(s) && !ServerStates.IsGone(s)).OrderByDescending(s => s.Created)];
    }

    /// <summary>The visible servers with exactly this name (Nova's name filter is a regular expression: anchored and escaped).</summary>
    public async Task<List<Server>> NamedAsync(string name, CancellationToken cancellationToken) =>
        [.. (await ListAsync(new Dictionary<string, string> { ["name"] = $"^{Regex.Escape(name)}$" }, cancellationToken).ConfigureAwait(false))
            .Where(s => string.Equals(s.Name, name, StringComparison.Ordinal))];

    /// <summary>A container by full id, name or unique id prefix.</summary>
    public async Task<NovaContainer> ResolveAsync(string reference, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(reference);
        var wanted = reference.TrimStart('/');
        if (Guid.TryParse(wanted, out _))
        {
            return _created.TryGet(wanted, time.GetUtcNow(), CreatedFreshFor, out var fresh)
                ? fresh
                : await GetAsync(wanted, cancellationToken).ConfigureAwait(false);
        }

        // A name is one filtered listing; something that may be an id prefix needs the whole list (one call either way).
        var candidates = HexPrefix().IsMatch(wanted)
            ? await ListAsync(null, cancellationToken).ConfigureAwait(false)
            : await NamedAsync(wanted, cancellationToken).ConfigureAwait(false);
        var named = candidates.Where(s => string.Equals(s.Name, wanted, StringComparison.Ordinal) && !ServerStates.IsLeaving(s)).ToList();
        var matches = named.Count > 0 ? named : [.. candidates.Where(s => s.Id.StartsWith(wanted, StringComparison.OrdinalIgnoreCase))];
        return matches.Count switch
        {
            1 => await ContainerAsync(matches[0], cancellationToken).ConfigureAwait(false),
            0 => throw BeamException.NotFound($"No such container: {reference}"),
            _ => throw BeamException.Invalid(named.Count > 1
                ? $"multiple Nova servers are named {wanted}; use the id"
                : $"multiple containers found with provided prefix: {reference}"),
        };
    }

    /// <summary>A container by full id, fetched now; not found when Nova has no such visible server.</summary>
    public async Task<NovaContainer> GetAsync(string id, CancellationToken cancellationToken) =>
        await ContainerAsync(await GetServerAsync(id, cancellationToken).ConfigureAwait(false), cancellationToken).ConfigureAwait(false);

    /// <summary>A server by full id, fetched now; not found when Nova has no such visible server.</summary>
    public async Task<Server> GetServerAsync(string id, CancellationToken cancellationToken)
    {
        var compute = await cloud.ComputeAsync(cancellationToken).ConfigureAwait(false);
        var startedAt = time.GetUtcNow();
        var server = Guid.TryParse(id, out _) ? await compute.Servers.GetAsync(id, cancellationToken).ConfigureAwait(false) : null;
        if (server is null || ServerStates.IsGone(server))
        {
            cloud.Poller.ObserveGone(id, startedAt);
            throw BeamException.NotFound($"No such container: {id}");
        }

        cloud.Poller.Observe([server], startedAt);
        return Visible(server) ? server : throw BeamException.NotFound($"No such container: {id}");
    }

    /// <summary>A handle for a server, its endpoints completed from Neutron (prefix, gateway; nothing for a container without networks).</summary>
    public Task<NovaContainer> ContainerAsync(Server server, CancellationToken cancellationToken) => ContainerAsync(server, null, cancellationToken);

    /// <summary>A handle for a server whose ports (some, or all) are known already.</summary>
    public async Task<NovaContainer> ContainerAsync(Server server, IReadOnlyList<Network.V2.NeutronPort>? ports, CancellationToken cancellationToken)
    {
        var record = (await RecordsAsync([server], cancellationToken).ConfigureAwait(false))[0];
        return new(await endpoints.CompleteAsync(record, server, ports, cancellationToken).ConfigureAwait(false), server, time.GetUtcNow());
    }

    /// <summary>
    /// Records for servers: image names come from metadata (managed servers) or one Glance listing cached for
    /// minutes, flavors are embedded (2.47+) or from the cached flavor list; never a call per server.
    /// </summary>
    public async Task<IReadOnlyList<ContainerRecord>> RecordsAsync(IReadOnlyList<Server> servers, CancellationToken cancellationToken)
    {
        if (servers.Any(s => ServerMetadata.Image(s.Metadata ?? new Dictionary<string, string>()) is null && s.ImageId.Length > 0 && images.NameOf(s.ImageId) is null))
        {
            await images.EnsureNamesAsync(cancellationToken).ConfigureAwait(false);
        }

        if (!flavors.IsLoaded && servers.Any(s => s.Flavor is { OriginalName: null, Id: not null }))
        {
            await flavors.ListAsync(cancellationToken).ConfigureAwait(false);
        }

        return [.. servers.Select(s => ServerRecords.ToRecord(s, images.NameOf, flavors.NameOf))];
    }

    /// <summary>Remembers a container this process just created, for the requests that follow a create.</summary>
    public void RememberCreated(NovaContainer container) =>
        _created = _created.With(container.Id, container, time.GetUtcNow(), CreatedFreshFor);

    /// <summary>Forgets a container (it was deleted, or changed by a call of this process).</summary>
    public void Forget(string id) => _created = _created.Without(id);

    [GeneratedRegex("^[0-9a-fA-F-]+$", RegexOptions.CultureInvariant)]
    private static partial Regex HexPrefix();
}
