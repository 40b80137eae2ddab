using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Logging;
using Swarm.Backends.Openstack.Network.V2;
using Swarm.Core.Beam;

namespace Swarm.Backends.Openstack.Cloud;

/// <summary>What a name is claimed for: each kind has its own names.</summary>
internal enum ClaimKind
{
    Container,
    Network,
    Volume,
}

/// <summary>A name this process holds: the Neutron port that is the claim, and when it was taken.</summary>
internal sealed record NameClaim(ClaimKind Kind, string Name, string PortId, DateTimeOffset TakenAt);

/// <summary>Why a name could not be claimed: <paramref name="HolderId"/> holds it, or (null) another swarmd is creating one.</summary>
internal sealed record ClaimConflict(ClaimKind Kind, string Name, string? HolderId, TimeSpan Age, TimeSpan ExpiresIn);

/// <summary>
/// Names unique across every swarmd on a project. Nova, Neutron and Cinder let names repeat, but Neutron refuses a second
/// port with the same MAC address on one network (409 <c>MacAddressInUse</c>), atomically, for any tenant. So a name is
/// claimed by creating a port with a MAC address derived from the kind and the name on the project's claims network
/// (<c>swarm-claims</c>, no subnet, made on first use); the resource is created only after the claim succeeds, and the
/// claim is removed after the resource is. A claim that no resource holds and that is older than the claim timeout was
/// left by a swarmd that stopped half way, and is taken over; <paramref name="sweep"/> first removes what that swarmd
/// made for the name before it stopped (given the kind, the name and Neutron's clock when the stale claim was seen:
/// anything made after that is another create's). See docs/multi-process.md.
/// </summary>
internal sealed class NameClaims(
    OpenstackCloud cloud, OpenstackOptions options, TimeProvider time, ILogger logger, Func<ClaimKind, string, DateTimeOffset, CancellationToken, Task>? sweep = null) : IDisposable
{
    /// <summary>What starts the description of a claim port, followed by the kind.</summary>
    public const string Marker = "swarmd claim: ";

    /// <summary>Different names whose addresses collide take the next address; this many are tried.</summary>
    private const int Probes = 4;

    /// <summary>How long a new claims network waits for a concurrent one to be committed before choosing the oldest.</summary>
    private static readonly TimeSpan Settle = TimeSpan.FromSeconds(2);

    private readonly SemaphoreSlim _gate = new(1, 1);
    private string? _networkId;

    /// <summary>The MAC address of the claim on <paramref name="name"/> at <paramref name="probe"/>: locally administered, unicast.</summary>
    public static string Mac(ClaimKind kind, string name, int probe)
    {
        ArgumentNullException.ThrowIfNull(name);
        var key = probe == 0 ? $"{Kind(kind)}:{name}" : $"{Kind(kind)}:{name}:{probe}";
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(key));
        hash[0] = (byte)((hash[0] & 0xFC) | 0x02);
        return string.Join(':', hash.Take(6).Select(b => b.ToString("x2", System.Globalization.CultureInfo.InvariantCulture)));
    }

    /// <summary>
    /// Claims <paramref name="name"/>, or throws the error <paramref name="taken"/> makes of the conflict. When the name's
    /// claim exists, <paramref name="holder"/> says which resource holds the name (null: none does); a claim nobody holds
    /// and older than the claim timeout is removed and the claim taken again.
    /// </summary>
    public async Task<NameClaim> TakeAsync(
        ClaimKind kind, string name, Func<CancellationToken, Task<string?>> holder, Func<ClaimConflict, BeamException> taken, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(holder);
        ArgumentNullException.ThrowIfNull(taken);
        var neutron = await cloud.NetworkAsync(cancellationToken).ConfigureAwait(false);
        for (var probe = 0; probe < Probes; probe++)
        {
            var mac = Mac(kind, name, probe);
            for (var attempt = 0; attempt < 3; attempt++)
            {
                var network = await NetworkIdAsync(cancellationToken).ConfigureAwait(false);
                var response = await neutron.Ports.CreateAsync(new CreatePort
                {
                    NetworkId = network,
                    Name = name,
                    Description = Marker + Kind(kind),
                    MacAddress = mac,
                    AdminStateUp = false,
                }, cancellationToken).ConfigureAwait(false);
                if (response.IsSuccess)
                {
                    var port = response.ReadNeutron(OpenstackJson.Default.NeutronPortEnvelope, $"claim on {Kind(kind)} name {name}").Port;
                    return new NameClaim(kind, name, port.Id, time.GetUtcNow());
                }

                var (type, _) = NeutronErrors.Parse(response.Body);
                if (type == "NetworkNotFound")
                {
                    // Someone removed the claims network: find or make it again.
                    Interlocked.CompareExchange(ref _networkId, null, network);
                    continue;
                }

                if (type != "MacAddressInUse")
                {
                    throw NeutronErrors.FromResponse(response, $"claim on {Kind(kind)} name {name}");
                }

                var (existing, now) = await FindAsync(neutron, network, mac, cancellationToken).ConfigureAwait(false);
                if (existing is null)
                {
                    continue; // released since: try again
                }

                if (!Claims(existing, kind, name))
                {
                    break; // another name's claim has this address: next probe
                }

                var age = now - (existing.CreatedAt ?? now);
                if (await holder(cancellationToken).ConfigureAwait(false) is { } holderId)
                {
                    throw taken(new ClaimConflict(kind, name, holderId, age, TimeSpan.Zero));
                }

                if (age < options.ClaimTimeout)
                {
                    throw taken(new ClaimConflict(kind, name, null, age, options.ClaimTimeout - age));
                }

                await RemoveStaleAsync(neutron, kind, existing, age, now, cancellationToken).ConfigureAwait(false);
            }
        }

        throw new BeamException(BeamErrorKind.Internal, $"openstack: could not claim the {Kind(kind)} name {name}: its claim addresses are all in use by other names' claims");
    }

    /// <summary>Whether a claim this process took is still there (a create slower than half the claim timeout checks).</summary>
    public async Task<bool> HeldAsync(NameClaim claim, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(claim);
        var neutron = await cloud.NetworkAsync(cancellationToken).ConfigureAwait(false);
        return await neutron.Ports.GetAsync(claim.PortId, cancellationToken).ConfigureAwait(false) is { } port && Claims(port, claim.Kind, claim.Name);
    }

    /// <summary>True when a call took long enough that its claim may have been judged stale by another swarmd.</summary>
    public bool MayHaveExpired(NameClaim claim) => time.GetUtcNow() - claim.TakenAt > options.ClaimTimeout / 2;

    /// <summary>
    /// Releases a name: the claim port <paramref name="portId"/> when known (a resource's record names it), else the
    /// claim found by the name's addresses. Never throws for a claim that is gone already; a failure is logged (the claim
    /// becomes stale and is taken over later).
    /// </summary>
    public async Task ReleaseAsync(ClaimKind kind, string name, string? portId, CancellationToken cancellationToken)
    {
        try
        {
            var neutron = await cloud.NetworkAsync(cancellationToken).ConfigureAwait(false);
            if (portId is null)
            {
                var network = await NetworkIdAsync(cancellationToken).ConfigureAwait(false);
                for (var probe = 0; probe < Probes && portId is null; probe++)
                {
                    var (existing, _) = await FindAsync(neutron, network, Mac(kind, name, probe), cancellationToken).ConfigureAwait(false);
                    if (existing is null)
                    {
                        return;
                    }

                    portId = Claims(existing, kind, name) ? existing.Id : null;
                }
            }

            if (portId is not null)
            {
                await DeletePortAsync(neutron, portId, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (BeamException ex)
        {
            Log.ClaimNotReleased(logger, Kind(kind), name, ex.Message);
        }
    }

    /// <summary>
    /// Squares the claims with what exists, once at start-up: a name held by a resource made without a claim (by a swarmd
    /// from before claims) is claimed, and a stale claim that nothing holds is removed. <paramref name="held"/> lists the
    /// names in use; it is read after the claims, so a resource made meanwhile has a claim too young to be judged stale.
    /// </summary>
    public async Task ReconcileAsync(Func<CancellationToken, Task<IReadOnlyList<(ClaimKind Kind, string Name)>>> held, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(held);
        var neutron = await cloud.NetworkAsync(cancellationToken).ConfigureAwait(false);
        var network = await NetworkIdAsync(cancellationToken).ConfigureAwait(false);
        var (claims, startedAt) = await ListAsync(neutron, NeutronQuery.Of(("network_id", network)), cancellationToken).ConfigureAwait(false);
        var names = await held(cancellationToken).ConfigureAwait(false);
        var heldSet = names.Select(n => (n.Kind, n.Name)).ToHashSet();
        var claimed = new HashSet<(ClaimKind, string)>();
        foreach (var port in claims)
        {
            if (KindOf(port) is not { } kind)
            {
                continue;
            }

            claimed.Add((kind, port.Name));
            var age = startedAt - (port.CreatedAt ?? startedAt);
            if (!heldSet.Contains((kind, port.Name)) && age >= options.ClaimTimeout)
            {
                await RemoveStaleAsync(neutron, kind, port, age, startedAt, cancellationToken).ConfigureAwait(false);
            }
        }

        foreach (var (kind, name) in heldSet.Where(n => !claimed.Contains(n)))
        {
            // Held without a claim: claim it now (a concurrent start-up may claim it first, which is as good).
            try
            {
                await TakeAsync(kind, name, _ => Task.FromResult<string?>(name), _ => BeamException.Conflict("claimed already"), cancellationToken).ConfigureAwait(false);
                Log.ClaimBackfilled(logger, Kind(kind), name);
            }
            catch (BeamException ex) when (ex.Kind == BeamErrorKind.Conflict)
            {
                // Claimed by another swarmd meanwhile.
            }
        }
    }

    public void Dispose() => _gate.Dispose();

    /// <summary>The claims network's id: found (the project's own, by name) or made on first use, then kept.</summary>
    public async Task<string> NetworkIdAsync(CancellationToken cancellationToken)
    {
        if (_networkId is { } known)
        {
            return known;
        }

        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return _networkId ??= await FindOrMakeNetworkAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _gate.Release();
        }
    }

    private static string Kind(ClaimKind kind) => kind switch
    {
        ClaimKind.Container => "container",
        ClaimKind.Network => "network",
        _ => "volume",
    };

    private static ClaimKind? KindOf(NeutronPort port) =>
        port.Description is { } d && d.StartsWith(Marker, StringComparison.Ordinal)
            ? d[Marker.Length..] switch
            {
                "container" => ClaimKind.Container,
                "network" => ClaimKind.Network,
                "volume" => ClaimKind.Volume,
                _ => null,
            }
            : null;

    private static bool Claims(NeutronPort port, ClaimKind kind, string name) =>
        KindOf(port) == kind && string.Equals(port.Name, name, StringComparison.Ordinal);

    private static async Task DeletePortAsync(NetworkClient neutron, string id, CancellationToken cancellationToken)
    {
        var response = await neutron.Ports.DeleteAsync(id, cancellationToken).ConfigureAwait(false);
        if (!response.IsSuccess && response.Status != 404)
        {
            throw NeutronErrors.FromResponse(response, $"remove claim {id}");
        }
    }

    // A stale claim goes after what its create left (while the claim stands, no other create of the name can begin).
    private async Task RemoveStaleAsync(NetworkClient neutron, ClaimKind kind, NeutronPort claim, TimeSpan age, DateTimeOffset seenAt, CancellationToken cancellationToken)
    {
        Log.StaleClaim(logger, Kind(kind), claim.Name, claim.Id, (long)age.TotalSeconds);
        if (sweep is not null)
        {
            await sweep(kind, claim.Name, seenAt, cancellationToken).ConfigureAwait(false);
        }

        await DeletePortAsync(neutron, claim.Id, cancellationToken).ConfigureAwait(false);
    }

    // The claim with this address, and Neutron's clock when it answered (claims are aged by Neutron's clock, not ours).
    private async Task<(NeutronPort? Port, DateTimeOffset Now)> FindAsync(NetworkClient neutron, string network, string mac, CancellationToken cancellationToken)
    {
        var (ports, now) = await ListAsync(neutron, NeutronQuery.Of(("network_id", network), ("mac_address", mac)), cancellationToken).ConfigureAwait(false);
        return (ports.FirstOrDefault(), now);
    }

    private async Task<(IReadOnlyList<NeutronPort> Ports, DateTimeOffset Now)> ListAsync(
        NetworkClient neutron, List<KeyValuePair<string, string>> filters, CancellationToken cancellationToken)
    {
        var response = await neutron.SendAsync(HttpMethod.Get, neutron.Url("ports").With(filters), null, cancellationToken).ConfigureAwait(false);
        return (response.ReadNeutron(OpenstackJson.Default.NeutronPortList, "claim lookup").Ports, response.Date ?? time.GetUtcNow());
    }

    // The project's claims network: the oldest of those with the name. Processes that find none make one each; any
    // process that sees one younger than the settling time waits for concurrent creates to be committed and lists
    // again, so all agree on the oldest, and the makers of the others remove theirs.
    private async Task<string> FindOrMakeNetworkAsync(CancellationToken cancellationToken)
    {
        var neutron = await cloud.NetworkAsync(cancellationToken).ConfigureAwait(false);
        var project = await cloud.Tokens.GetProjectIdAsync(cancellationToken).ConfigureAwait(false);
        var filters = project is null
            ? NeutronQuery.Of(("name", options.ClaimsNetwork))
            : NeutronQuery.Of(("name", options.ClaimsNetwork), ("project_id", project));
        var (found, now) = await ListNetworksAsync(neutron, filters, cancellationToken).ConfigureAwait(false);
        NeutronNetwork? made = null;
        if (found.Count == 0)
        {
            made = await neutron.Networks.CreateAsync(new CreateNetwork
            {
                Name = options.ClaimsNetwork,
                Description = "swarmd: name claims, one port per container, network and volume name in use (see docs/multi-process.md); do not remove",
                AdminStateUp = false,
            }, cancellationToken).ConfigureAwait(false);
        }

        if (made is not null || found.Any(n => now - (n.CreatedAt ?? now) < Settle + TimeSpan.FromSeconds(1)))
        {
            await Task.Delay(Settle, time, cancellationToken).ConfigureAwait(false);
            (found, _) = await ListNetworksAsync(neutron, filters, cancellationToken).ConfigureAwait(false);
        }

        var oldest = found.OrderBy(n => n.CreatedAt ?? DateTimeOffset.MaxValue).ThenBy(n => n.Id, StringComparer.Ordinal).FirstOrDefault() ?? made
            ?? throw BeamException.Unavailable($"openstack: the claims network {options.ClaimsNetwork} vanished while swarmd was choosing it; try again");
        if (made is not null && made.Id != oldest.Id)
        {
            var response = await neutron.Networks.DeleteAsync(made.Id, cancellationToken).ConfigureAwait(false);
            if (!response.IsSuccess && response.Status != 404)
            {
                Log.CleanupFailed(logger, $"claims network {made.Id} (another swarmd's is used)", $"HTTP {response.Status}");
            }
        }
        else if (made is not null)
        {
            Log.ClaimsNetworkCreated(logger, made.Name, made.Id);
        }

        return oldest.Id;
    }

    private async Task<(IReadOnlyList<NeutronNetwork> Networks, DateTimeOffset Now)> ListNetworksAsync(
        NetworkClient neutron, List<KeyValuePair<string, string>> filters, CancellationToken cancellationToken)
    {
        var response = await neutron.SendAsync(HttpMethod.Get, neutron.Url("networks").With(filters), null, cancellationToken).ConfigureAwait(false);
        return (response.ReadNeutron(OpenstackJson.Default.NeutronNetworkList, "claims network list").Networks, response.Date ?? time.GetUtcNow());
    }
}
