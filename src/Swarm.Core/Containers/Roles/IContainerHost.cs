namespace Swarm.Core.Containers;

/// <summary>
/// The core every container backend implements: describe itself, list, resolve, describe, create and delete
/// containers. The optional roles (<see cref="IContainerLifecycle"/>, <see cref="IContainerLogs"/>,
/// <see cref="IContainerAttach"/>, <see cref="IContainerEvents"/>, <see cref="IImageCatalog"/>) add what the
/// backend can do beyond that; a verb of a role it does not implement is answered not-implemented with a sentence.
/// Serve it with <c>ContainerBackend</c> (or <see cref="ContainerHostRouter"/>); talk to one over Beam with
/// <see cref="ContainerHostClient"/>, which implements the same interfaces. Throw <c>BeamException</c> with the
/// right kind; calls that change a state return once the state is reached. See <c>docs/beam-protocol.md</c>.
/// </summary>
public interface IContainerHost
{
    /// <summary>The backend's name, used in messages.</summary>
    string Name { get; }

    /// <summary>Describes the host (verb Get to the instance).</summary>
    Task<HostInfo> GetInfoAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Every container this host manages, in any state (verb List). The list answered is never changed afterwards:
    /// a backend may answer the same list object again while nothing changed, and a frontend may keep what it
    /// rendered from that object (dockerserver does).
    /// </summary>
    Task<IReadOnlyList<ContainerRecord>> ListAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Finds a container by name, full id or unique id prefix (verb Resolve). Not found, or invalid when the
    /// prefix is ambiguous. The handle's record is the container as found: callers use it instead of asking again.
    /// </summary>
    Task<ContainerHandle> ResolveAsync(string reference, CancellationToken cancellationToken);

    /// <summary>Describes a container as it is now (verb Get to a handle).</summary>
    Task<ContainerRecord> GetAsync(ContainerHandle container, CancellationToken cancellationToken);

    /// <summary>Creates a container (verb Create). A name in use is a conflict; an unknown image is not found.</summary>
    Task<ContainerHandle> CreateAsync(ContainerSpec spec, CancellationToken cancellationToken);

    /// <summary>Removes a container once it is gone (verb Delete); a running one needs <paramref name="force"/>.</summary>
    Task DeleteAsync(ContainerHandle container, bool force, CancellationToken cancellationToken);
}
