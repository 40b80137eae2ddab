using Swarm.Testing;

namespace Swarm.Tests.Conformance;

/// <summary>A debug link in front of the simulator changes nothing a caller can see, in any role.</summary>
public sealed class DebugTarget : ChainTarget
{
    protected override IReadOnlyList<string> Specs => ["debug", "simulator"];

    public override TimeSpan CallTimeout => TimeSpan.FromSeconds(10);
}

public sealed class DebugHostConformance : ContainerHostConformance<DebugTarget>;

public sealed class DebugLifecycleConformance : LifecycleConformance<DebugTarget>;

public sealed class DebugLogsConformance : LogsConformance<DebugTarget>;

public sealed class DebugAttachConformance : AttachConformance<DebugTarget>;

public sealed class DebugEventsConformance : EventsConformance<DebugTarget>;

public sealed class DebugImagesConformance : ImagesConformance<DebugTarget>;

public sealed class DebugNetworkConformance : NetworkConformance<DebugTarget>;

public sealed class DebugVolumeConformance : VolumeConformance<DebugTarget>;

public sealed class DebugPortsConformance : PortsConformance<DebugTarget>;
