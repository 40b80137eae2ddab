using Microsoft.Extensions.Logging;
using Swarm.Core.Containers;

namespace Swarm.Core.Backends;

/// <summary>
/// The base of a container backend: a name, a description, a usage line and a factory of hosts. The host it makes
/// is served over Beam with every verb of the roles it implements (<see cref="IContainerHost"/> and the optional
/// roles); if it also implements <see cref="Microsoft.Extensions.Hosting.IHostedService"/> it is started and stopped
/// with its instance, and if it is <see cref="IAsyncDisposable"/> or <see cref="IDisposable"/> it is disposed with it.
/// </summary>
public abstract class ContainerBackend : IBackend
{
    /// <inheritdoc />
    public abstract string Name { get; }

    /// <inheritdoc />
    public abstract string Description { get; }

    /// <inheritdoc />
    public abstract string Usage { get; }

    /// <inheritdoc />
    public IBackendInstance Create(BackendContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var host = CreateHost(context);
        return new ContainerHostInstance(host, context.LoggerFactory.CreateLogger("Swarm." + Name));
    }

    /// <summary>
    /// Makes the host of one instance from its spec (<see cref="BackendContext.Spec"/>). Bad options throw
    /// <see cref="SwarmSpecException"/> here; nothing upstream may be contacted before the instance starts.
    /// </summary>
    protected abstract IContainerHost CreateHost(BackendContext context);
}
