using Swarm.Backends.Openstack.Compute.V2;
using Swarm.Core.Containers;

namespace Swarm.Backends.Openstack.Containers;

/// <summary>A Nova server as a container record, from the server alone plus cached image names.</summary>
internal static class ServerRecords
{
    public static ContainerRecord ToRecord(Server server, Func<string, string?> imageName, Func<string?, string?> flavorName)
    {
        var meta = server.Metadata ?? new Dictionary<string, string>();
        var published = ServerMetadata.Published(meta);
        var imageId = server.ImageId;
        var flavor = server.Flavor?.OriginalName ?? flavorName(server.Flavor?.Id) ?? server.Flavor?.Id ?? "";
        var details = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["flavor"] = flavor,
            ["nova_status"] = server.Status,
        };
        Add(details, "task_state", server.TaskState);
        Add(details, "vm_state", server.VmState);
        Add(details, "host", server.Host);
        Add(details, "availability_zone", server.AvailabilityZone);
        Add(details, "key_name", server.KeyName);
        if (server.Flavor is { Ram: { } ram, Vcpus: { } vcpus })
        {
            details["flavor_ram_mb"] = ram.ToString(System.Globalization.CultureInfo.InvariantCulture);
            details["flavor_vcpus"] = vcpus.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }
        return new ContainerRecord
        {
            Id = server.Id,
            Name = server.Name,
            Image = ServerMetadata.Image(meta) ?? (imageId.Length > 0 ? imageName(imageId) ?? imageId : ""),
            ImageId = imageId,
            Cmd = ServerMetadata.Cmd(meta),
            Entrypoint = ServerMetadata.Entrypoint(meta),
            Env = ServerMetadata.Env(meta),
            Labels = ServerMetadata.Labels(meta),
            Created = server.Created,
            State = ServerStates.State(server),
            Tty = ServerMetadata.Tty(meta),
            OpenStdin = ServerMetadata.OpenStdin(meta),
            Memory = ServerMetadata.Memory(meta),
            NanoCpus = ServerMetadata.NanoCpus(meta),
            Hostname = server.Name,
            NetworkMode = ServerMetadata.IsManaged(meta) ? ServerMetadata.NetworkMode(meta) : DockerNetworks.Default,
            Ports = PublishedPorts.Ports(published),
            PortBindings = PublishedPorts.Bindings(published),
            PublishAllPorts = published?.PublishAll ?? false,
            Mounts = CinderVolumes.Mounts(meta),
            AutoRemove = ServerMetadata.AutoRemove(meta),
            Networks = ServerEndpoints.Of(server),
            Driver = OpenstackBackend.BackendName,
            Details = details,
        };
    }

    private static void Add(Dictionary<string, string> details, string key, string? value)
    {
        if (!string.IsNullOrEmpty(value))
        {
            details[key] = value;
        }
    }
}
