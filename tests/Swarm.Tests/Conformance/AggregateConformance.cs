using Swarm.Testing;

namespace Swarm.Tests.Conformance;

/// <summary>An aggregate of two simulators honours the same contract as one backend, in every role.</summary>
public sealed class AggregateTarget : ChainTarget
{
    protected override IReadOnlyList<string> Specs => ["aggregate 'simulator --name=a' 'simulator --name=b'"];

    public override TimeSpan CallTimeout => TimeSpan.FromSeconds(10);
}

public sealed class AggregateHostConformance : ContainerHostConformance<AggregateTarget>;

public sealed class AggregateLifecycleConformance : LifecycleConformance<AggregateTarget>;

public sealed class AggregateLogsConformance : LogsConformance<AggregateTarget>;

public sealed class AggregateAttachConformance : AttachConformance<AggregateTarget>;

public sealed class AggregateEventsConformance : EventsConformance<AggregateTarget>;

public sealed class AggregateImagesConformance : ImagesConformance<AggregateTarget>;

public sealed class AggregateNetworkConformance : NetworkConformance<AggregateTarget>;

public sealed class AggregateVolumeConformance : VolumeConformance<AggregateTarget>;

public sealed class AggregatePortsConformance : PortsConformance<AggregateTarget>;
