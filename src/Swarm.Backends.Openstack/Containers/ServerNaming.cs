using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Swarm.Backends.Openstack.Cloud;
using Swarm.Backends.Openstack.Compute.V2;
using Swarm.Core.Beam;
using Swarm.Core.Containers;

namespace Swarm.Backends.Openstack.Containers;

/// <summary>
/// Create and rename: the calls that take a name. Nova allows duplicate names, so swarmd checks the name is free
/// (one filtered listing) under a per-name lock, then creates or renames. A create is <c>POST /servers</c> and
/// nothing else (plus a Neutron port per Docker network it joins, removed again if Nova refuses the server): the image
/// and flavor come from caches, and the answer is built from what was sent.
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
    TimeProvider time,
    ILogger logger)
{
    private readonly NameLocks _names = new();

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
        IReadOnlyList<MadePort> made;
        using (await _names.AcquireAsync(name, cancellationToken).ConfigureAwait(false))
        {
            await EnsureNameFreeAsync(name, null, cancellationToken).ConfigureAwait(false);

            // Made in this order and undone newest first: volumes, the ports' security group, the ports, the forwardings.
            var (mounts, madeVolumes) = await volumes.PrepareAsync(spec, cancellationToken).ConfigureAwait(false);
            string? group = null;
            PublishedState? state = publishing.State;
            made = [];
            try
            {
                group = publishing.Publishes ? await published.CreateSecurityGroupAsync(name, publishing, cancellationToken).ConfigureAwait(false) : null;
                made = await ports.CreatePortsAsync(plan, name, group, cancellationToken).ConfigureAwait(false);
                if (group is not null)
                {
                    state = await published.ForwardAsync(name, publishing, plan.Endpoints[0], made[0].Port, group, cancellationToken).ConfigureAwait(false);
                }

                metadata = ServerMetadata.With(ServerMetadata.Build(spec, ContainerPorts.Entries(made)), state, mounts);
                id = await compute.Servers.CreateAsync(new CreateServer
                {
                    Name = name,
                    ImageRef = image.Id,
                    FlavorRef = flavor.Id,
                    Networks = ContainerPorts.NovaNetworks(plan, made),
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
                // Nova refused the server (or may have: a POST is never retried): what it would have used goes.
                await published.UnforwardAsync(state, name, CancellationToken.None).ConfigureAwait(false);
                await ports.DeletePortsAsync(made.Select(p => p.Port.Id), CancellationToken.None).ConfigureAwait(false);
                await published.ReleaseAsync(state?.FloatingIpId is null ? group is null ? null : new PublishedState { SecurityGroupId = group } : state, name, CancellationToken.None).ConfigureAwait(false);
                await volumes.UndoAsync(madeVolumes, CancellationToken.None).ConfigureAwait(false);
                if (ex is BeamException { Kind: BeamErrorKind.Invalid } && ex.Message.Contains("image", StringComparison.OrdinalIgnoreCase))
                {
                    // The cached image is gone or replaced: look it up afresh next time.
                    images.Forget(imageReference);
                }

                throw;
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
        var container = await finder.ContainerAsync(server, [.. made.Select(p => p.Port)], cancellationToken).ConfigureAwait(false);
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
        using (await _names.AcquireAsync(name, cancellationToken).ConfigureAwait(false))
        {
            await EnsureNameFreeAsync(name, "Error when allocating new name: ", cancellationToken).ConfigureAwait(false);
            (await compute.Servers.RenameAsync(server.Id, name, cancellationToken).ConfigureAwait(false))
                .EnsureSuccess($"rename server {server.Name} ({server.Id}) to {name}");
        }
    }

    private static string GeneratedName() => "swarm-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(4));

    private async Task EnsureNameFreeAsync(string name, string? prefix, CancellationToken cancellationToken)
    {
        // A server on its way out (task deleting) no longer holds its name.
        if ((await finder.NamedAsync(name, cancellationToken).ConfigureAwait(false)).FirstOrDefault(s => !ServerStates.IsLeaving(s)) is { } holder)
        {
            throw BeamException.Conflict(prefix + ContainerNames.InUse(name, holder.Id));
        }
    }
}
