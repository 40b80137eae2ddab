using Swarm.Core.Backends;
using Swarm.Core.Beam;

namespace Swarm.Backends.Openstack;

/// <summary>An <c>openstack</c> instance: connects to the cloud on start, serves the container verbs.</summary>
internal sealed class OpenstackInstance : RouterInstance
{
    private readonly OpenstackHost _host;

    public OpenstackInstance(OpenstackHost host, BeamRouter router)
        : base(router) => _host = host;

    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        await _host.EnsureConnectedAsync(cancellationToken).ConfigureAwait(false);
        await base.StartAsync(cancellationToken).ConfigureAwait(false);
    }

    protected override async ValueTask DisposeAsyncCore()
    {
        await base.DisposeAsyncCore().ConfigureAwait(false);
        _host.Dispose();
    }
}
