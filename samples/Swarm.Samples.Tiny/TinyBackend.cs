using Swarm.Core.Backends;
using Swarm.Core.Containers;

namespace Swarm.Samples.Tiny;

/// <summary>
/// <c>tiny</c>: a sample backend written against swarmd's public API only. Containers live in a dictionary, do
/// nothing while running, and never stop on their own. It implements the core, the lifecycle role and the images
/// role; the other roles answer not-implemented on their own.
/// </summary>
public sealed class TinyBackend : ContainerBackend
{
    public override string Name => "tiny";

    public override string Description => "sample: containers in a dictionary (core, lifecycle and images roles)";

    public override string Usage => "tiny";

    protected override IContainerHost CreateHost(BackendContext context) => new TinyHost();
}
