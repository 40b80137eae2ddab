namespace Swarm.Core.Containers;

/// <summary>
/// The networks role: Docker networks and the containers on them. A backend with this role also honours
/// <see cref="ContainerSpec.NetworkMode"/> and <see cref="ContainerSpec.Networks"/> at create and reports each
/// container's endpoints in <see cref="ContainerRecord.Networks"/>. Check requests with <see cref="DockerNetworks"/>
/// so bad ones are refused with dockerd's messages.
/// </summary>
public interface INetworkHost
{
    /// <summary>Every network, predefined ones included (verb Networks with no reference). Attachments may be left empty.</summary>
    Task<IReadOnlyList<NetworkRecord>> ListNetworksAsync(CancellationToken cancellationToken);

    /// <summary>
    /// A network by name, full id or unique id prefix, with its attachments (verb Networks with a reference);
    /// not found otherwise (<c>network X not found</c>).
    /// </summary>
    Task<NetworkRecord> GetNetworkAsync(string reference, CancellationToken cancellationToken);

    /// <summary>Creates a network (verb NetworkCreate); a name in use is a conflict, a bad pool invalid.</summary>
    Task<NetworkRecord> CreateNetworkAsync(NetworkSpec spec, CancellationToken cancellationToken);

    /// <summary>
    /// Removes a network and everything the backend made for it (verb NetworkDelete); a conflict while containers are
    /// on it or when it is predefined, not found when there is no such network.
    /// </summary>
    Task DeleteNetworkAsync(string reference, CancellationToken cancellationToken);

    /// <summary>Puts a container on one more network (verb NetworkConnect to its handle).</summary>
    Task ConnectNetworkAsync(ContainerHandle container, EndpointSpec endpoint, CancellationToken cancellationToken);

    /// <summary>Takes a container off a network (verb NetworkDisconnect to its handle).</summary>
    Task DisconnectNetworkAsync(ContainerHandle container, string network, bool force, CancellationToken cancellationToken);
}
