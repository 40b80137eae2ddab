using Swarm.Testing;

namespace Swarm.Tests.Conformance;

/// <summary>The simulator, the reference backend, passes every role of the conformance kit.</summary>
public sealed class SimulatorTarget : ChainTarget
{
    protected override IReadOnlyList<string> Specs => ["simulator"];

    public override TimeSpan CallTimeout => TimeSpan.FromSeconds(10);
}

public sealed class SimulatorHostConformance : ContainerHostConformance<SimulatorTarget>;

public sealed class SimulatorLifecycleConformance : LifecycleConformance<SimulatorTarget>;

public sealed class SimulatorLogsConformance : LogsConformance<SimulatorTarget>;

public sealed class SimulatorAttachConformance : AttachConformance<SimulatorTarget>;

public sealed class SimulatorEventsConformance : EventsConformance<SimulatorTarget>;

public sealed class SimulatorImagesConformance : ImagesConformance<SimulatorTarget>;

public sealed class SimulatorNetworkConformance : NetworkConformance<SimulatorTarget>;

public sealed class SimulatorVolumeConformance : VolumeConformance<SimulatorTarget>;

public sealed class SimulatorPortsConformance : PortsConformance<SimulatorTarget>;
