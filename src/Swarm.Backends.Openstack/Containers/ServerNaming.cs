using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Swarm.Backends.Openstack.BlockStorage.V3;
using Swarm.Backends.Openstack.Cloud;
using Swarm.Backends.Openstack.Compute.V2;
using Swarm.Core.Beam;
using Swarm.Core.Containers;

namespace Swarm.Backends.Openstack.Containers;

/// <summary>
/// Create and rename: the calls that take a name. Nova allows duplicate names, so a name is claimed first
/// (<see cref="NameClaims"/>: one Neutron port, unique across every swarmd on the project), then the server is created
/// or renamed, and the claim's port id is kept in the server's metadata for the remove that releases it. A create is
/// the claim and <c>POST /servers</c>, plus what the container needs made first: its Cinder volumes, a Neutron port per
/// Docker network it joins, and for published ports a security group and port forwardings on a floating IP. The image
/// and flavor come from caches, and the answer is built from what was sent. A create that fails leaves no server, port,
/// forwarding, volume it made or claim behind.
/// On a cloud without Neutron the name is checked with one Nova listing under a lock of this process instead.
/// </summary>
internal sealed class ServerNaming(
    OpenstackCloud cloud,
    OpenstackOptions options,
    ServerFinder finder,
    ImageResolver images,
    FlavorCatalog flavors,
    ServerLifecycle lifecycle,
    ContainerPorts ports,
    PublishedPorts published,
    CinderVolumes volumes,
    NameClaims claims,
    TimeProvider time,
    ILogger logger)
{
    private readonly NameLocks _names = new();
    private int _warnedNoClaims;

    /// <remarks>Nova boots a server at once: the container is running (booting) as soon as this returns.</remarks>
    public async Task<NovaContainer> CreateAsync(ContainerSpec spec, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(spec);
        var imageReference = spec.Image is { Length: > 0 } given ? given : options.Image
            ?? throw BeamException.Invalid("no image: name a Glance image (for example cirros) or start the backend with --image");
        spec = spec with { Image = imageReference };
        var name = spec.Name is { Length: > 0 } n ? ContainerNames.Validate(n) : GeneratedName();
        var image = await images.ResolveAsync(imageReference, cancellationToken).ConfigureAwait(false);
        var flavor = await flavors.ChooseAsync(spec, options.Flavor, cancellationToken).ConfigureAwait(false);
        ServerMetadata.Build(spec);
        var plan = await ports.PlanAsync(spec, cancellationToken).ConfigureAwait(false);
        var publishing = PublishedPorts.Plan(spec, plan);
        CinderVolumes.Check(spec);
        var compute = await cloud.ComputeAsync(cancellationToken).ConfigureAwait(false);

        string id;
        Dictionary<string, string> metadata;
        var made = new CreateParts();
        using (await LockAsync(name, cancellationToken).ConfigureAwait(false))
        {
            var claim = await ClaimAsync(name, null, cancellationToken).ConfigureAwait(false);
            try
            {
                // Made in this order and undone newest first: volumes, the ports' security group, the ports, the forwardings.
                (var mounts, made.Volumes) = await volumes.PrepareAsync(spec, cancellationToken).ConfigureAwait(false);
                made.State = publishing.State;
                made.Group = publishing.Publishes ? await published.CreateSecurityGroupAsync(name, publishing, cancellationToken).ConfigureAwait(false) : null;
                made.Ports = await ports.CreatePortsAsync(plan, name, made.Group, cancellationToken).ConfigureAwait(false);
                if (made.Group is not null)
                {
                    made.State = await published.ForwardAsync(name, publishing, plan.Endpoints[0], made.Ports[0].Port, made.Group, cancellationToken).ConfigureAwait(false);
                }

                metadata = ServerMetadata.With(ServerMetadata.Build(spec, ContainerPorts.Entries(made.Ports)), made.State, mounts);
                if (claim is not null)
                {
                    metadata[ServerMetadata.Claim] = claim.PortId;
                }

                id = await compute.Servers.CreateAsync(new CreateServer
                {
                    Name = name,
                    ImageRef = image.Id,
                    FlavorRef = flavor.Id,
                    Networks = ContainerPorts.NovaNetworks(plan, made.Ports),
                    Metadata = metadata,
                    KeyName = options.KeyName,
                    AvailabilityZone = options.AvailabilityZone,
                    SecurityGroups = options.SecurityGroups.Count == 0 ? null : [.. options.SecurityGroups.Select(g => new SecurityGroupRef(g))],
                    BlockDeviceMappings = mounts.Count == 0 ? null : [BlockDeviceMapping.Image(image.Id), .. mounts.Select(m => BlockDeviceMapping.Volume(m.VolumeId))],
                    UserData = mounts.Count > 0 && options.VolumeUserData ? GuestMounts.UserData(mounts) : null,
                }, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex)
            {
                // Nova refused the server (or may have: a POST is never retried): what it would have used goes, and the claim.
                await UndoAsync(name, made).ConfigureAwait(false);
                if (claim is not null)
                {
                    await ReleaseUnlessHeldAsync(claim).ConfigureAwait(false);
                }

                if (ex is BeamException { Kind: BeamErrorKind.Invalid } && ex.Message.Contains("image", StringComparison.OrdinalIgnoreCase))
                {
                    // The cached image is gone or replaced: look it up afresh next time.
                    images.Forget(imageReference);
                }

                throw;
            }

            if (claim is not null && claims.MayHaveExpired(claim) && !await claims.HeldAsync(claim, cancellationToken).ConfigureAwait(false))
            {
                await ReclaimAsync(claim, id, made, cancellationToken).ConfigureAwait(false);
            }
        }

        Log.ServerCreated(logger, name, id, flavor.Name, image.Id);
        var server = new Server
        {
            Id = id,
            Name = name,
            Status = "BUILD",
            Created = time.GetUtcNow(),
            Image = JsonSerializer.SerializeToElement(new ServerImageRef(image.Id), OpenstackJson.Default.ServerImageRef),
            Flavor = new ServerFlavor(flavor.Id, flavor.Name, flavor.Ram, flavor.Vcpus),
            Metadata = metadata,
            KeyName = options.KeyName,
        };
        var container = await finder.ContainerAsync(server, [.. made.Ports.Select(p => p.Port)], cancellationToken).ConfigureAwait(false);
        finder.RememberCreated(container);
        return container;
    }

    public async Task RenameAsync(NovaContainer container, string newName, CancellationToken cancellationToken)
    {
        finder.Forget(container.Id);
        var name = ContainerNames.Validate(newName);

        // While a server is in BUILD, Nova's listing shows its build request, which keeps the old name: wait for the
        // build to finish so that the rename is seen everywhere at once.
        var server = await lifecycle.SettledAsync(await lifecycle.CurrentAsync(container, cancellationToken).ConfigureAwait(false), cancellationToken).ConfigureAwait(false);
        container.Changed();
        if (string.Equals(server.Name, name, StringComparison.Ordinal))
        {
            throw BeamException.Invalid("Renaming a container with the same name as its current name");
        }

        var compute = await cloud.ComputeAsync(cancellationToken).ConfigureAwait(false);
        using (await LockAsync(name, cancellationToken).ConfigureAwait(false))
        {
            var claim = await ClaimAsync(name, "Error when allocating new name: ", cancellationToken).ConfigureAwait(false);
            try
            {
                (await compute.Servers.RenameAsync(server.Id, name, cancellationToken).ConfigureAwait(false))
                    .EnsureSuccess($"rename server {server.Name} ({server.Id}) to {name}");
            }
            catch when (claim is not null)
            {
                await claims.ReleaseAsync(ClaimKind.Container, name, claim.PortId, CancellationToken.None).ConfigureAwait(false);
                throw;
            }

            if (claim is not null)
            {
                (await compute.Servers.SetMetadataAsync(server.Id, ServerMetadata.Claim, claim.PortId, cancellationToken).ConfigureAwait(false))
                    .EnsureSuccess($"record the name claim of server {name} ({server.Id})");
                await claims.ReleaseAsync(ClaimKind.Container, server.Name, ClaimOf(server), CancellationToken.None).ConfigureAwait(false);
            }
        }
    }

    /// <summary>Releases the name of a removed server (nothing on a cloud without Neutron).</summary>
    public async Task ReleaseAsync(Server server, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(server);
        if (await cloud.HasNetworkAsync(cancellationToken).ConfigureAwait(false))
        {
            await claims.ReleaseAsync(ClaimKind.Container, server.Name, ClaimOf(server), cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Removes what a create of <paramref name="name"/> left when its swarmd stopped after the claim and before
    /// <c>POST /servers</c> (<see cref="NameClaims"/> calls this for a stale claim, before removing it, so no other create
    /// of the name is under way): the ports swarmd made for the container that no server has (Neutron removes their port
    /// forwardings with them), then its security group and a floating IP allocated for it alone. Only what was made before
    /// <paramref name="before"/> (Neutron's clock) is touched, and nothing bound to a server; the volumes stay, listed.
    /// </summary>
    public async Task SweepAsync(string name, DateTimeOffset before, CancellationToken cancellationToken)
    {
        try
        {
            var madeFor = await ports.MadeForAsync(name, cancellationToken).ConfigureAwait(false);
            var unbound = madeFor.Where(p => p.DeviceId.Length == 0 && p.CreatedAt < before).ToList();
            var left = await published.LeftByCreateAsync(name, [.. madeFor.Where(p => !unbound.Contains(p))], before, cancellationToken).ConfigureAwait(false);
            if (unbound.Count == 0 && left is null)
            {
                return;
            }

            var what = unbound.Select(p => $"port {p.Id}").ToList();
            if (left is not null)
            {
                what.Add($"security group {left.SecurityGroupId}");
                if (left.FloatingIpId is { } fip)
                {
                    what.Add($"floating IP {left.Address} ({fip})");
                }
            }

            Log.HalfMadeContainer(logger, name, string.Join(", ", what));
            await ports.DeletePortsAsync(unbound.Select(p => p.Id), cancellationToken).ConfigureAwait(false);
            await published.ReleaseAsync(left, name, cancellationToken).ConfigureAwait(false);
        }
        catch (BeamException ex)
        {
            // The name must not stay unusable because Neutron would not list: what is left stays, as before swarmd swept.
            Log.CleanupFailed(logger, $"what a create of container {name} left (its ports, group swarm-c-{name}, own floating IP)", ex.Message);
        }
    }

    /// <summary>The names the servers swarmd shows hold, for <see cref="NameClaims.ReconcileAsync"/>.</summary>
    public async Task<IReadOnlyList<(ClaimKind Kind, string Name)>> HeldNamesAsync(CancellationToken cancellationToken) =>
        [.. (await finder.ListAsync(null, cancellationToken).ConfigureAwait(false))
            .Where(s => !ServerStates.IsLeaving(s) && ContainerNames.IsValid(s.Name))
            .Select(s => (ClaimKind.Container, s.Name)).Distinct()];

    private static string? ClaimOf(Server server) => server.Metadata?.GetValueOrDefault(ServerMetadata.Claim);

    private static string GeneratedName() => "swarm-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(4));

    // Within this process, one create or rename per name at a time: the loser of a race in the process waits and then
    // meets the winner's claim (or its server), instead of paying for a claim that cannot succeed.
    private Task<IDisposable> LockAsync(string name, CancellationToken cancellationToken) => _names.AcquireAsync(name, cancellationToken);

    // The name's claim, or null on a cloud without Neutron, where the name is checked against Nova instead (in this process only).
    private async Task<NameClaim?> ClaimAsync(string name, string? prefix, CancellationToken cancellationToken)
    {
        if (!await cloud.HasNetworkAsync(cancellationToken).ConfigureAwait(false))
        {
            if (Interlocked.Exchange(ref _warnedNoClaims, 1) == 0)
            {
                Log.NoClaims(logger);
            }

            if (await HolderAsync(name, null, cancellationToken).ConfigureAwait(false) is { } holder)
            {
                throw BeamException.Conflict(prefix + ContainerNames.InUse(name, holder));
            }

            return null;
        }

        return await claims.TakeAsync(
            ClaimKind.Container,
            name,
            ct => HolderAsync(name, null, ct),
            conflict => BeamException.Conflict(prefix + (conflict.HolderId is { } holder
                ? ContainerNames.InUse(name, holder)
                : $"Conflict. The container name \"/{name}\" is already in use by a container that another swarmd began creating {(int)conflict.Age.TotalSeconds} s ago. "
                  + $"You have to remove (or rename) that container to be able to reuse that name; if that swarmd stopped half way, the name is free again in {Math.Max(1, (int)Math.Ceiling(conflict.ExpiresIn.TotalSeconds))} s.")),
            cancellationToken).ConfigureAwait(false);
    }

    // The server that holds a name (one on its way out holds it no longer), other than `except`.
    private async Task<string?> HolderAsync(string name, string? except, CancellationToken cancellationToken) =>
        (await finder.NamedAsync(name, cancellationToken).ConfigureAwait(false))
            .FirstOrDefault(s => !ServerStates.IsLeaving(s) && s.Id != except)?.Id;

    // A create failed after its claim: release it, unless Nova made the server after all (a POST that timed out may
    // have), in which case the server holds the name through the claim and is shown, to be removed like any other.
    private async Task ReleaseUnlessHeldAsync(NameClaim claim)
    {
        try
        {
            if ((await finder.NamedAsync(claim.Name, CancellationToken.None).ConfigureAwait(false))
                .Any(s => ClaimOf(s) == claim.PortId && !ServerStates.IsLeaving(s)))
            {
                return;
            }
        }
        catch (BeamException)
        {
            // Nova cannot say: release; if the server exists, the next start-up's reconciliation claims its name again.
        }

        await claims.ReleaseAsync(ClaimKind.Container, claim.Name, claim.PortId, CancellationToken.None).ConfigureAwait(false);
    }

    // The create took so long that another swarmd judged the claim stale and removed it: claim the name again for the new
    // server, or, when another create holds it now, remove this server (it lost) and answer as if the name was taken.
    private async Task ReclaimAsync(NameClaim lost, string id, CreateParts made, CancellationToken cancellationToken)
    {
        try
        {
            var claim = await claims.TakeAsync(
                ClaimKind.Container, lost.Name, ct => HolderAsync(lost.Name, id, ct), conflict => BeamException.Conflict(ContainerNames.InUse(lost.Name, conflict.HolderId ?? "(being created)")), cancellationToken)
                .ConfigureAwait(false);
            var compute = await cloud.ComputeAsync(cancellationToken).ConfigureAwait(false);
            (await compute.Servers.SetMetadataAsync(id, ServerMetadata.Claim, claim.PortId, cancellationToken).ConfigureAwait(false))
                .EnsureSuccess($"record the name claim of server {lost.Name} ({id})");
        }
        catch (BeamException ex) when (ex.Kind == BeamErrorKind.Conflict)
        {
            var compute = await cloud.ComputeAsync(CancellationToken.None).ConfigureAwait(false);
            var response = await compute.Servers.DeleteAsync(id, CancellationToken.None).ConfigureAwait(false);
            if (!response.IsSuccess && response.Status != 404)
            {
                Log.CleanupFailed(logger, $"server {id}, which lost its name {lost.Name} to another create", $"HTTP {response.Status}");
            }

            await UndoAsync(lost.Name, made).ConfigureAwait(false);
            throw;
        }
    }

    // Removes what a create made for a server Nova did not make (or that lost its name), newest first: the forwardings,
    // the ports, the security group (and a floating IP allocated for the container), the volumes made for it.
    private async Task UndoAsync(string name, CreateParts made)
    {
        await published.UnforwardAsync(made.State, name, CancellationToken.None).ConfigureAwait(false);
        await ports.DeletePortsAsync(made.Ports.Select(p => p.Port.Id), CancellationToken.None).ConfigureAwait(false);
        var release = made.State?.FloatingIpId is not null ? made.State : made.Group is { } group ? new PublishedState { SecurityGroupId = group } : null;
        await published.ReleaseAsync(release, name, CancellationToken.None).ConfigureAwait(false);
        await volumes.UndoAsync(made.Volumes, CancellationToken.None).ConfigureAwait(false);
    }

    // What a create makes before POST /servers, as far as it got.
    private sealed class CreateParts
    {
        public IReadOnlyList<CinderVolume> Volumes { get; set; } = [];

        public string? Group { get; set; }

        public IReadOnlyList<MadePort> Ports { get; set; } = [];

        public PublishedState? State { get; set; }
    }
}
