using System.Text.Json.Nodes;
using Swarm.Backends.Openstack.Compute.V2;
using Swarm.Backends.Openstack.Host;
using Swarm.Core.Beam;
using Swarm.Core.Containers;

namespace Swarm.Backends.Openstack;

/// <summary>Create and rename: the calls that take a name.</summary>
public sealed partial class OpenstackHost
{
    /// <inheritdoc />
    /// <remarks>Nova boots a server at once: the record returned is BUILD (created) or already ACTIVE.</remarks>
    public async Task<ContainerRecord> CreateAsync(ContainerSpec spec, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(spec);
        var imageReference = spec.Image is { Length: > 0 } given ? given : _options.Image
            ?? throw BeamException.Invalid("no image: name a Glance image (for example cirros) or start the backend with --image");
        spec = spec with { Image = imageReference };
        var name = spec.Name is { Length: > 0 } n ? ValidName(n.TrimStart('/')) : GeneratedName();
        var image = await ResolveImageAsync(imageReference, cancellationToken).ConfigureAwait(false);
        var flavor = Flavors.Choose(spec, _options.Flavor, await FlavorsAsync(cancellationToken).ConfigureAwait(false));
        var metadata = ServerMetadata.Build(spec);
        var networks = await NetworksAsync(cancellationToken).ConfigureAwait(false);
        var compute = await _cloud.ComputeAsync(cancellationToken).ConfigureAwait(false);

        string id;
        using (await _names.AcquireAsync(name, cancellationToken).ConfigureAwait(false))
        {
            await EnsureNameFreeAsync(name, null, cancellationToken).ConfigureAwait(false);
            id = await compute.CreateServerAsync(new CreateServer
            {
                Name = name,
                ImageRef = image.Id,
                FlavorRef = flavor.Id,
                Networks = networks,
                Metadata = metadata,
                KeyName = _options.KeyName,
                AvailabilityZone = _options.AvailabilityZone,
                SecurityGroups = _options.SecurityGroups.Count == 0 ? null : [.. _options.SecurityGroups.Select(g => new SecurityGroupRef(g))],
            }, cancellationToken).ConfigureAwait(false);
        }

        Log.ServerCreated(_logger, name, id, flavor.Name, image.Id);
        var server = await compute.GetServerAsync(id, cancellationToken).ConfigureAwait(false);
        return server is not null
            ? (await ToRecordsAsync([server], cancellationToken).ConfigureAwait(false))[0]
            : throw BeamException.Unavailable($"openstack: server {name} ({id}) was created but Nova no longer shows it");
    }

    /// <inheritdoc />
    public async Task RenameAsync(string id, string newName, CancellationToken cancellationToken)
    {
        var name = ValidName(newName.TrimStart('/'));
        // While a server is in BUILD, Nova's listing shows its build request, which keeps the old name:
        // wait for the build to finish so that the rename is seen everywhere at once.
        var server = await SettledAsync(id, cancellationToken).ConfigureAwait(false);
        if (string.Equals(server.Name, name, StringComparison.Ordinal))
        {
            throw BeamException.Invalid("Renaming a container with the same name as its current name");
        }

        var compute = await _cloud.ComputeAsync(cancellationToken).ConfigureAwait(false);
        using (await _names.AcquireAsync(name, cancellationToken).ConfigureAwait(false))
        {
            await EnsureNameFreeAsync(name, "Error when allocating new name: ", cancellationToken).ConfigureAwait(false);
            (await compute.RenameAsync(server.Id, name, cancellationToken).ConfigureAwait(false))
                .EnsureSuccess($"rename server {server.Name} ({server.Id}) to {name}");
        }
    }

    // Nova's name filter is a regular expression: anchor it, then compare exactly.
    private async Task EnsureNameFreeAsync(string name, string? prefix, CancellationToken cancellationToken)
    {
        var holders = await VisibleServersAsync(new Dictionary<string, string> { ["name"] = $"^{name}$" }, cancellationToken).ConfigureAwait(false);
        if (holders.FirstOrDefault(s => string.Equals(s.Name, name, StringComparison.Ordinal) && !IsGone(s)) is { } holder)
        {
            throw BeamException.Conflict(
                $"{prefix}Conflict. The container name \"/{name}\" is already in use by container \"{holder.Id}\". You have to remove (or rename) that container to be able to reuse that name.");
        }
    }

    private async Task<JsonNode> NetworksAsync(CancellationToken cancellationToken)
    {
        if (_options.Network is null)
        {
            return JsonValue.Create("none");
        }

        if (_options.Network is "auto")
        {
            return JsonValue.Create("auto");
        }

        var id = await _cloud.ResolveNetworkAsync(_options.Network, cancellationToken).ConfigureAwait(false);
        return new JsonArray(new JsonObject { ["uuid"] = id });
    }
}
