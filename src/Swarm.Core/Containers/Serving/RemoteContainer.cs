using Swarm.Core.Beam;

namespace Swarm.Core.Containers;

/// <summary>A container handle received over Beam: the record the Ack carried and the route to the container.</summary>
public sealed class RemoteContainer : ContainerHandle
{
    /// <summary>Wraps the handle an Ack handed over.</summary>
    public RemoteContainer(ContainerRecord record, IBeamSender route)
        : base(record)
    {
        ArgumentNullException.ThrowIfNull(route);
        Route = route;
    }

    /// <summary>Where the container's verbs go.</summary>
    public IBeamSender Route { get; }
}
