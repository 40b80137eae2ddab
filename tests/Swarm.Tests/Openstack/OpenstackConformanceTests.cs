using Swarm.Backends.Openstack;
using Swarm.Core.Backends;
using Swarm.Testing;

namespace Swarm.Tests.Openstack;

/// <summary>The openstack backend against the real local OpenStack, with the credentials of its openrc.</summary>
public sealed class OpenstackTarget : BackendTarget
{
    private readonly Dictionary<string, string> _env;

    public OpenstackTarget()
    {
        using var cloud = LocalCloud.Require();
        _env = new Dictionary<string, string>(cloud.Env);
    }

    public override TimeSpan CallTimeout => TimeSpan.FromSeconds(120);

    // The fake virt driver's console: what every server's logs show.
    public override string TalkingOutput => "FAKE CONSOLE OUTPUT";

    protected override IBackend Backend => new OpenstackBackend(() => _env);

    protected override string Spec => "openstack --flavor=m1.tiny --boot-timeout=100s --poll-interval=0.2s";
}

[Category("OpenStack")]
[NonParallelizable]
public sealed class OpenstackHostConformance : ContainerHostConformance<OpenstackTarget>;

[Category("OpenStack")]
[NonParallelizable]
public sealed class OpenstackLifecycleConformance : LifecycleConformance<OpenstackTarget>;

[Category("OpenStack")]
[NonParallelizable]
public sealed class OpenstackLogsConformance : LogsConformance<OpenstackTarget>;

[Category("OpenStack")]
[NonParallelizable]
public sealed class OpenstackEventsConformance : EventsConformance<OpenstackTarget>;

[Category("OpenStack")]
[NonParallelizable]
public sealed class OpenstackImagesConformance : ImagesConformance<OpenstackTarget>;

[Category("OpenStack")]
[NonParallelizable]
public sealed class OpenstackNetworkConformance : NetworkConformance<OpenstackTarget>;

[Category("OpenStack")]
[NonParallelizable]
public sealed class OpenstackVolumeConformance : VolumeConformance<OpenstackTarget>;

[Category("OpenStack")]
[NonParallelizable]
public sealed class OpenstackPortsConformance : PortsConformance<OpenstackTarget>;
