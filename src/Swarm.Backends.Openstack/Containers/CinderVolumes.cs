using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Swarm.Backends.Openstack.BlockStorage.V3;
using Swarm.Backends.Openstack.Cloud;
using Swarm.Backends.Openstack.Compute.V2;
using Swarm.Core.Beam;
using Swarm.Core.Containers;

namespace Swarm.Backends.Openstack.Containers;

/// <summary>
/// Docker volumes as Cinder volumes (see docs/openstack.md): a volume swarmd makes is a Cinder volume named as the Docker
/// volume, with its Docker settings in the volume's metadata (<c>swarm.managed</c>, <c>opt.KEY</c>, <c>label.KEY</c>),
/// so every swarmd process sees the same volumes. Which containers use a volume comes from Nova: the volumes each server
/// shows attached, and the ones its metadata names (while Nova schedules it). Cinder lets names repeat, so every create
/// claims the name first (<see cref="NameClaims"/>, unique across every swarmd on the project) and every remove releases
/// it; on a cloud without Neutron the name is checked in this process only.
/// </summary>
internal sealed class CinderVolumes(OpenstackCloud cloud, OpenstackOptions options, ServerFinder finder, NameClaims claims, TimeProvider time, ILogger logger)
{
    /// <summary>The driver name volumes show.</summary>
    public const string Driver = "cinder";

    private const string Managed = "swarm.managed";
    private const string ClaimKey = "swarm.claim";
    private const string OptionPrefix = "opt.";
    private const string LabelPrefix = "label.";
    private const int MaxMetadataLength = 255;

    // Statuses of a volume attached, or on its way to or from a server.
    private static readonly string[] Busy = ["reserved", "attaching", "in-use", "detaching"];

    // How long apart the two looks at a busy volume's attachments are (see SettledAsync).
    private static readonly TimeSpan LeftoverCheck = TimeSpan.FromSeconds(5);

    private readonly NameLocks _names = new();

    /// <summary>Every Docker volume: one Cinder listing (every page) and one server listing.</summary>
    public async Task<IReadOnlyList<VolumeRecord>> ListAsync(CancellationToken cancellationToken)
    {
        var volumes = ListManagedAsync(null, cancellationToken);
        var users = UsersAsync(cancellationToken);
        var byVolume = await users.ConfigureAwait(false);
        return [.. (await volumes.ConfigureAwait(false))
            .GroupBy(v => v.Name ?? "", StringComparer.Ordinal).Select(Oldest)
            .OrderBy(v => v.Name, StringComparer.Ordinal).Select(v => Record(v, byVolume))];
    }

    /// <summary>A Docker volume by name; not found otherwise.</summary>
    public async Task<VolumeRecord> GetAsync(string name, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        var volume = await FindAsync(name, cancellationToken).ConfigureAwait(false) ?? throw DockerVolumes.NotFound(name);
        return Record(volume, await UsersAsync(cancellationToken).ConfigureAwait(false));
    }

    /// <summary>
    /// Creates a Docker volume, or answers the one of that name: a Cinder volume of <c>size</c> GiB (default
    /// <c>--volume-size</c>) and type <c>type</c>, once Cinder shows it available, its name claimed first.
    /// </summary>
    public async Task<VolumeRecord> CreateAsync(VolumeSpec spec, CancellationToken cancellationToken)
    {
        var (volume, _) = await EnsureAsync(spec, cancellationToken).ConfigureAwait(false);
        return Record(volume, new Dictionary<string, List<string>>());
    }

    /// <summary>
    /// Removes a Docker volume: a conflict while a container mounts it (force or not), else, once Nova has let it go
    /// (a removed container's volume detaches as its server goes), the Cinder volume. With force, a volume Cinder
    /// refuses to delete in its status (error, stuck) is force-deleted.
    /// </summary>
    public async Task DeleteAsync(string name, bool force, CancellationToken cancellationToken)
    {
        var volume = await FindAsync(name, cancellationToken).ConfigureAwait(false) ?? throw DockerVolumes.NotFound(name);
        var users = (await UsersAsync(cancellationToken).ConfigureAwait(false)).GetValueOrDefault(volume.Id) ?? [];
        if (users.Count > 0)
        {
            throw DockerVolumes.InUse(name, users);
        }

        var storage = await cloud.BlockStorageAsync(cancellationToken).ConfigureAwait(false);
        volume = await SettledAsync(storage, volume, "remove", cancellationToken).ConfigureAwait(false);
        var response = await storage.Volumes.DeleteAsync(volume.Id, cancellationToken).ConfigureAwait(false);
        if (response.Status == 400 && force)
        {
            response = await storage.Volumes.ForceDeleteAsync(volume.Id, cancellationToken).ConfigureAwait(false);
        }

        if (response.Status == 400)
        {
            throw BeamException.Conflict($"remove {name}: Cinder cannot remove volume {volume.Id} while it is {volume.Status}: {Http.OpenstackErrors.Detail(response.Body)}");
        }

        if (response.Status != 404)
        {
            response.EnsureSuccess($"remove volume {name} ({volume.Id})");
        }

        Log.VolumeRemoved(logger, name, volume.Id);
        await ReleaseNameAsync(name, ClaimOf(volume), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The names of swarmd's volumes, for <see cref="NameClaims.ReconcileAsync"/> (none on a cloud without Cinder).</summary>
    public async Task<IReadOnlyList<(ClaimKind Kind, string Name)>> HeldNamesAsync(CancellationToken cancellationToken) =>
        !await cloud.HasBlockStorageAsync(cancellationToken).ConfigureAwait(false)
            ? []
            : [.. (await ListManagedAsync(null, cancellationToken).ConfigureAwait(false)).Where(v => v.Name is { Length: > 0 }).Select(v => (ClaimKind.Volume, v.Name!)).Distinct()];

    /// <summary>
    /// A create's volume mounts, checked: a bind of a host path or a tmpfs is refused (a Nova server cannot see the swarmd
    /// host's files, and has no Docker to make a tmpfs), paths and names follow Docker's rules. Nothing is made.
    /// </summary>
    public static void Check(ContainerSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        DockerVolumes.Validate(spec.Mounts);
        foreach (var mount in spec.Mounts)
        {
            switch (mount.Type)
            {
                case MountType.Bind:
                    throw BeamException.Invalid(
                        $"openstack: cannot bind-mount {mount.Source} at {mount.Target}: each container is a Nova server, which cannot see the files of the host swarmd runs on; use a volume (-v NAME:{mount.Target})");
                case MountType.Tmpfs:
                    throw BeamException.Invalid(
                        $"openstack: cannot mount a tmpfs at {mount.Target}: each container is a Nova server booted from its image, with no Docker inside to make one; mount a volume there, or let the image do it");
                default:
                    break;
            }
        }
    }

    /// <summary>
    /// The volumes a new container mounts: each named one found, or made as dockerd would (<c>-v NAME:/path</c> with no
    /// such volume), each anonymous one made; a volume another server holds is refused (a Cinder volume attaches to one
    /// server at a time unless its type allows more). Returns the entries and the volumes made, for an undo.
    /// </summary>
    public async Task<(IReadOnlyList<MountEntry> Entries, IReadOnlyList<CinderVolume> Made)> PrepareAsync(ContainerSpec spec, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(spec);
        var entries = new List<MountEntry>();
        var made = new List<CinderVolume>();
        try
        {
            foreach (var mount in spec.Mounts.Where(m => m.Type == MountType.Volume))
            {
                var anonymous = mount.Source.Length == 0;
                var (volume, created) = await EnsureAsync(new VolumeSpec
                {
                    Name = mount.Source,
                    Driver = mount.VolumeDriver,
                    DriverOpts = mount.VolumeOptions,
                    Labels = anonymous ? new Dictionary<string, string>(mount.VolumeLabels) { [DockerVolumes.AnonymousLabel] = "" } : mount.VolumeLabels,
                }, cancellationToken).ConfigureAwait(false);
                if (created)
                {
                    made.Add(volume);
                }
                else if (volume.Status is "reserved" or "attaching" or "detaching" && !volume.Multiattach)
                {
                    // On its way with no container on it: the last one's server is going away, or Nova left an attachment.
                    if ((await UsersAsync(cancellationToken).ConfigureAwait(false)).GetValueOrDefault(volume.Id) is not { Count: > 0 })
                    {
                        volume = await SettledAsync(await cloud.BlockStorageAsync(cancellationToken).ConfigureAwait(false), volume, "mount", cancellationToken).ConfigureAwait(false);
                    }
                }

                if (!created && volume.Status != "available" && !volume.Multiattach)
                {
                    throw BeamException.Conflict(
                        $"openstack: volume {volume.Name} is {volume.Status}{Holders(volume)}: a Cinder volume attaches to one server at a time (unless its volume type allows multiattach)");
                }

                if (entries.Exists(e => e.VolumeId == volume.Id))
                {
                    throw BeamException.Invalid($"openstack: volume {volume.Name} is mounted twice: a Cinder volume attaches to a server once");
                }

                entries.Add(new MountEntry
                {
                    Name = volume.Name ?? mount.Source,
                    VolumeId = volume.Id,
                    Destination = mount.Target,
                    ReadOnly = mount.ReadOnly,
                    Mode = mount.Mode.Length > 0 ? mount.Mode : null,
                    Anonymous = anonymous,
                });
            }

            return (entries, made);
        }
        catch
        {
            await UndoAsync(made, CancellationToken.None).ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>Removes volumes a failed create made (its server never took them); failures are logged.</summary>
    public async Task UndoAsync(IEnumerable<CinderVolume> made, CancellationToken cancellationToken)
    {
        foreach (var volume in made)
        {
            await RemoveQuietlyAsync(volume.Name ?? volume.Id, volume.Id, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>After a container created with <c>--rm</c> is removed: its anonymous volumes, once Nova has let them go.</summary>
    public async Task ReleaseAsync(Server removed, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(removed);
        if (!ServerMetadata.AutoRemove(removed.Metadata))
        {
            return;
        }

        foreach (var mount in ServerMetadata.Mounts(removed.Metadata).Where(m => m.Anonymous))
        {
            await RemoveQuietlyAsync(mount.Name, mount.VolumeId, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Inspect's <c>Mounts</c> of a server.</summary>
    public static IReadOnlyList<MountPoint> Mounts(IReadOnlyDictionary<string, string>? meta) =>
        [.. ServerMetadata.Mounts(meta).Select(m => new MountPoint
        {
            Type = MountType.Volume,
            Name = m.Name,
            Source = m.VolumeId,
            Destination = m.Destination,
            Driver = Driver,
            Mode = m.Mode ?? "",
            RW = !m.ReadOnly,
        })];

    // The volume a spec names (a name in use answers that volume), else a new one; and whether this call made it.
    private async Task<(CinderVolume Volume, bool Created)> EnsureAsync(VolumeSpec spec, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(spec);
        var name = spec.Name.Length > 0 ? DockerVolumes.ValidateName(spec.Name) : DockerVolumes.NewName();
        if (spec.Driver.Length > 0 && spec.Driver is not ("local" or Driver))
        {
            throw BeamException.NotFound(
                $"create {name}: error looking up volume plugin {spec.Driver}: plugin \"{spec.Driver}\" not found (volumes here are Cinder volumes: driver {Driver}, or local)");
        }

        using (await _names.AcquireAsync(name, cancellationToken).ConfigureAwait(false))
        {
            if (spec.Name.Length > 0 && await FindAsync(name, cancellationToken).ConfigureAwait(false) is { } existing)
            {
                return (existing, false);
            }

            var (size, type) = Options(name, spec.DriverOpts);
            var metadata = Metadata(name, spec);
            var storage = await cloud.BlockStorageAsync(cancellationToken).ConfigureAwait(false);
            var (claim, made) = await ClaimAsync(name, cancellationToken).ConfigureAwait(false);
            if (made is not null)
            {
                return (made, false);
            }

            if (claim is not null)
            {
                metadata[ClaimKey] = claim.PortId;
            }

            CinderVolume? volume = null;
            try
            {
                var response = await storage.Volumes.CreateAsync(new CreateVolume
                {
                    Name = name,
                    Size = size,
                    VolumeType = type,
                    Description = $"swarmd: Docker volume {name}",
                    Metadata = metadata,
                }, cancellationToken).ConfigureAwait(false);
                if (response.Status == 404 && type is not null)
                {
                    throw BeamException.Invalid($"create {name}: Cinder has no volume type {type} (the option type=): {Http.OpenstackErrors.Detail(response.Body)}");
                }

                volume = response.Read(OpenstackJson.Default.CinderVolumeEnvelope, $"create volume {name}").Volume;
                volume = await AvailableAsync(storage, volume, cancellationToken).ConfigureAwait(false);
            }
            catch
            {
                // Nothing is left behind: the volume, if Cinder made one, then the claim.
                if (volume is not null)
                {
                    await RemoveQuietlyAsync(name, volume.Id, CancellationToken.None).ConfigureAwait(false);
                }
                else if (claim is not null)
                {
                    await ReleaseNameAsync(name, claim.PortId, CancellationToken.None).ConfigureAwait(false);
                }

                throw;
            }

            Log.VolumeCreated(logger, name, volume.Id, volume.Size, volume.VolumeType ?? "");
            return (volume, true);
        }
    }

    // Claims a new volume's name across every swarmd (its port id goes in the volume's metadata, swarm.claim), or, on a
    // cloud without Neutron, claims nothing. A volume of that name another swarmd made meanwhile is answered instead, as
    // dockerd answers a create of a name in use; while that swarmd is between its claim and its POST /volumes, this waits
    // for the volume (at most the claim timeout, after which a claim nothing holds is taken over). From the POST on, the
    // Cinder volume itself (listed while creating) holds the name, so a slow Cinder never lets the claim go stale.
    private async Task<(NameClaim? Claim, CinderVolume? Existing)> ClaimAsync(string name, CancellationToken cancellationToken)
    {
        if (!await cloud.HasNetworkAsync(cancellationToken).ConfigureAwait(false))
        {
            return (null, null);
        }

        var deadline = time.GetUtcNow() + options.ClaimTimeout;
        while (true)
        {
            CinderVolume? holder = null;
            try
            {
                return (await claims.TakeAsync(ClaimKind.Volume, name, async ct => (holder = await FindAsync(name, ct).ConfigureAwait(false))?.Id, conflict => BeamException.Conflict(
                    conflict.HolderId is { } id
                        ? $"create {name}: another swarmd made volume {name} ({id}) just now"
                        : $"create {name}: volume {name} is being created by another swarmd ({(int)conflict.Age.TotalSeconds} s ago); try again; "
                          + $"if that swarmd stopped half way, the name is free again in {Math.Max(1, (int)Math.Ceiling(conflict.ExpiresIn.TotalSeconds))} s"),
                    cancellationToken).ConfigureAwait(false), null);
            }
            catch (BeamException ex) when (ex.Kind == BeamErrorKind.Conflict && holder is not null)
            {
                return (null, holder);
            }
            catch (BeamException ex) when (ex.Kind == BeamErrorKind.Conflict && time.GetUtcNow() < deadline)
            {
                await Task.Delay(options.PollInterval, time, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    // Releases a removed volume's name (its claim port when the volume recorded it, else the claim found by the name),
    // unless another volume of that name still holds it (two made before claims existed).
    private async Task ReleaseNameAsync(string name, string? claimPortId, CancellationToken cancellationToken)
    {
        if (await cloud.HasNetworkAsync(cancellationToken).ConfigureAwait(false) && await FindAsync(name, cancellationToken).ConfigureAwait(false) is null)
        {
            await claims.ReleaseAsync(ClaimKind.Volume, name, claimPortId, cancellationToken).ConfigureAwait(false);
        }
    }

    private static string? ClaimOf(CinderVolume volume) => volume.Metadata?.GetValueOrDefault(ClaimKey);

    // The size in GiB and the Cinder type a volume's options ask for; any other option is Docker's invalid option.
    private (int Size, string? Type) Options(string name, IReadOnlyDictionary<string, string> opts)
    {
        var size = options.VolumeSize;
        string? type = null;
        foreach (var (key, value) in opts)
        {
            switch (key)
            {
                case "size":
                    var digits = value.TrimEnd('b', 'B').TrimEnd('i').TrimEnd('g', 'G');
                    size = int.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out var gib) && gib > 0
                        ? gib
                        : throw BeamException.Invalid($"create {name}: the option size takes whole GiB (size=10 or 10G), not '{value}'");
                    break;
                case "type":
                    type = value.Length > 0 ? value : null;
                    break;
                default:
                    throw BeamException.Invalid($"create {name}: invalid option: \"{key}\" (a Cinder volume takes size, in GiB, and type, a Cinder volume type)");
            }
        }

        return (size, type);
    }

    private static Dictionary<string, string> Metadata(string name, VolumeSpec spec)
    {
        var meta = new Dictionary<string, string>(StringComparer.Ordinal) { [Managed] = "1" };
        foreach (var (prefix, items) in new[] { (OptionPrefix, spec.DriverOpts), (LabelPrefix, spec.Labels) })
        {
            foreach (var (key, value) in items)
            {
                if (prefix.Length + key.Length > MaxMetadataLength || value.Length > MaxMetadataLength)
                {
                    throw BeamException.Invalid($"create {name}: '{key}' cannot be kept in Cinder metadata: keys and values hold at most {MaxMetadataLength} characters");
                }

                meta[prefix + key] = value;
            }
        }

        return meta;
    }

    // The swarmd volume with this name (the oldest, should two processes have raced to make it), or null.
    private async Task<CinderVolume?> FindAsync(string name, CancellationToken cancellationToken)
    {
        var named = await ListManagedAsync(name, cancellationToken).ConfigureAwait(false);
        return named.Count == 0 ? null : Oldest(named);
    }

    private async Task<List<CinderVolume>> ListManagedAsync(string? name, CancellationToken cancellationToken)
    {
        var storage = await cloud.BlockStorageAsync(cancellationToken).ConfigureAwait(false);
        var filters = new Dictionary<string, string> { ["metadata"] = JsonSerializer.Serialize(new Dictionary<string, string> { [Managed] = "1" }, OpenstackJson.Default.DictionaryStringString) };
        if (name is not null)
        {
            filters["name"] = name;
        }

        return [.. (await storage.Volumes.ListAsync(filters, cancellationToken).ConfigureAwait(false))
            .Where(v => v.Metadata?.GetValueOrDefault(Managed) == "1" && (name is null || v.Name == name) && v.Status is not ("deleting" or "error_deleting"))];
    }

    // Containers by volume id, from one server listing: the volumes Nova shows attached, and those a container's metadata
    // names (Nova lists a server's volumes only once it is scheduled, its metadata from the create on).
    private async Task<Dictionary<string, List<string>>> UsersAsync(CancellationToken cancellationToken)
    {
        var servers = await finder.ListAsync(null, cancellationToken).ConfigureAwait(false);
        var users = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var server in servers.Where(s => !ServerStates.IsLeaving(s)))
        {
            var ids = (server.VolumesAttached ?? []).Select(v => v.Id).Concat(ServerMetadata.Mounts(server.Metadata).Select(m => m.VolumeId));
            foreach (var id in ids.Distinct(StringComparer.Ordinal))
            {
                (users.TryGetValue(id, out var list) ? list : users[id] = []).Add(server.Id);
            }
        }

        return users;
    }

    // Waits for a new volume to be available (Cinder makes it in the background); error is a failure naming it.
    private async Task<CinderVolume> AvailableAsync(BlockStorageClient storage, CinderVolume volume, CancellationToken cancellationToken)
    {
        var deadline = time.GetUtcNow() + options.BootTimeout;
        while (volume.Status != "available")
        {
            if (volume.Status.StartsWith("error", StringComparison.Ordinal))
            {
                throw BeamException.Unavailable($"openstack: Cinder could not make volume {volume.Name} ({volume.Id}): it shows {volume.Status}");
            }

            if (time.GetUtcNow() > deadline)
            {
                throw BeamException.Unavailable(
                    $"openstack: volume {volume.Name} ({volume.Id}) was not available within {options.BootTimeout.TotalSeconds:0} s (Cinder shows {volume.Status})");
            }

            await Task.Delay(options.PollInterval, time, cancellationToken).ConfigureAwait(false);
            volume = await storage.Volumes.GetAsync(volume.Id, cancellationToken).ConfigureAwait(false)
                ?? throw BeamException.Unavailable($"openstack: volume {volume.Name} ({volume.Id}) vanished while Cinder was making it");
        }

        return volume;
    }

    // Waits while a volume no container uses is still attached or detaching (its server is on its way out). An attachment
    // whose server Nova no longer has is deleted once two looks LeftoverCheck apart have found it so: Nova leaves one
    // "reserved" when a server is deleted while still a build request (the attachment is made before the build request,
    // so the second look keeps a create that is just being made safe). Fails as `verb` after the boot timeout.
    private async Task<CinderVolume> SettledAsync(BlockStorageClient storage, CinderVolume volume, string verb, CancellationToken cancellationToken)
    {
        var started = time.GetUtcNow();
        var deadline = started + options.BootTimeout;
        var lookedAt = started;
        IReadOnlySet<string> seen = new HashSet<string>();
        while (Busy.Contains(volume.Status) || volume.Status == "creating")
        {
            var now = time.GetUtcNow();
            if (now > deadline)
            {
                throw BeamException.Conflict($"{verb} {volume.Name}: Cinder still shows volume {volume.Id} {volume.Status}{Holders(volume)} after {options.BootTimeout.TotalSeconds:0} s");
            }

            if (volume.Status != "creating" && now - lookedAt >= LeftoverCheck)
            {
                seen = await RemoveLeftoverAttachmentsAsync(storage, volume, seen, cancellationToken).ConfigureAwait(false);
                lookedAt = now;
            }

            await Task.Delay(options.PollInterval, time, cancellationToken).ConfigureAwait(false);
            volume = await storage.Volumes.GetAsync(volume.Id, cancellationToken).ConfigureAwait(false) ?? volume with { Status = "deleted" };
        }

        return volume;
    }

    // Deletes the attachments of `volume` that were in `seen` (no server at the last look) and still have no server in
    // Nova; returns the ones with no server now, for the next look. A cloud whose Cinder predates attachments
    // (microversion 3.27) has none to look at.
    private async Task<IReadOnlySet<string>> RemoveLeftoverAttachmentsAsync(BlockStorageClient storage, CinderVolume volume, IReadOnlySet<string> seen, CancellationToken cancellationToken)
    {
        IReadOnlyList<CinderAttachment> attachments;
        try
        {
            attachments = await storage.Attachments.ListAsync(volume.Id, cancellationToken).ConfigureAwait(false);
        }
        catch (BeamException)
        {
            return new HashSet<string>();
        }

        var compute = await cloud.ComputeAsync(cancellationToken).ConfigureAwait(false);
        var serverless = new HashSet<string>(StringComparer.Ordinal);
        foreach (var attachment in attachments.Where(a => a.Instance is { Length: > 0 }))
        {
            if (await compute.Servers.GetAsync(attachment.Instance!, cancellationToken).ConfigureAwait(false) is not null)
            {
                continue;
            }

            serverless.Add(attachment.Id);
            if (seen.Contains(attachment.Id))
            {
                Log.LeftoverAttachment(logger, attachment.Id, attachment.Status, volume.Name ?? volume.Id, volume.Id, attachment.Instance!);
                var response = await storage.Attachments.DeleteAsync(attachment.Id, cancellationToken).ConfigureAwait(false);
                if (response.Status != 404)
                {
                    response.EnsureSuccess($"delete attachment {attachment.Id} of volume {volume.Name ?? volume.Id}");
                }
            }
        }

        return serverless;
    }

    private async Task RemoveQuietlyAsync(string name, string id, CancellationToken cancellationToken)
    {
        try
        {
            var storage = await cloud.BlockStorageAsync(cancellationToken).ConfigureAwait(false);
            if (await storage.Volumes.GetAsync(id, cancellationToken).ConfigureAwait(false) is not { } volume)
            {
                await ReleaseNameAsync(name, null, cancellationToken).ConfigureAwait(false);
                return;
            }

            await SettledAsync(storage, volume, "remove", cancellationToken).ConfigureAwait(false);
            var response = await storage.Volumes.DeleteAsync(id, cancellationToken).ConfigureAwait(false);
            if (!response.IsSuccess && response.Status != 404)
            {
                Log.CleanupFailed(logger, $"volume {name} ({id})", $"HTTP {response.Status}: {Http.OpenstackErrors.Detail(response.Body)}");
                return;
            }

            Log.VolumeRemoved(logger, name, id);
            await ReleaseNameAsync(name, ClaimOf(volume), cancellationToken).ConfigureAwait(false);
        }
        catch (BeamException ex)
        {
            Log.CleanupFailed(logger, $"volume {name} ({id})", ex.Message);
        }
    }

    private static string Holders(CinderVolume volume) =>
        volume.Attachments.Count == 0 ? "" : $" (attached to server {string.Join(", ", volume.Attachments.Select(a => a.ServerId))})";

    private static CinderVolume Oldest(IEnumerable<CinderVolume> volumes) =>
        volumes.OrderBy(v => v.Created).ThenBy(v => v.Id, StringComparer.Ordinal).First();

    private static VolumeRecord Record(CinderVolume v, Dictionary<string, List<string>> users)
    {
        var meta = v.Metadata ?? new Dictionary<string, string>();
        var status = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["cinder_id"] = v.Id,
            ["cinder_status"] = v.Status,
            ["size_gb"] = v.Size.ToString(CultureInfo.InvariantCulture),
        };
        if (v.VolumeType is { Length: > 0 } type)
        {
            status["volume_type"] = type;
        }

        return new VolumeRecord
        {
            Name = v.Name ?? v.Id,
            Driver = Driver,
            Mountpoint = v.Id,
            Created = v.Created,
            Options = Prefixed(meta, OptionPrefix),
            Labels = Prefixed(meta, LabelPrefix),
            Containers = users.GetValueOrDefault(v.Id) ?? [],
            Status = status,
        };
    }

    private static Dictionary<string, string> Prefixed(IReadOnlyDictionary<string, string> meta, string prefix) =>
        meta.Where(kv => kv.Key.StartsWith(prefix, StringComparison.Ordinal)).ToDictionary(kv => kv.Key[prefix.Length..], kv => kv.Value, StringComparer.Ordinal);
}
