using Swarm.Core.Containers;

namespace Swarm.Core.Backends.Aggregate;

/// <summary>A container of one of the aggregate's children: which child, and that child's handle to it.</summary>
internal sealed class ChildContainer(int child, ContainerHandle inner) : ContainerHandle(inner.Record)
{
    public int Child { get; } = child;

    public ContainerHandle Inner { get; } = inner;
}
