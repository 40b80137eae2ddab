using Swarm.Core.Hosting;

namespace Swarm.Backends.Openstack;

/// <summary>Registers the <c>openstack</c> backend.</summary>
public static class OpenstackBuilderExtensions
{
    /// <summary>Adds the <c>openstack</c> backend to swarm.</summary>
    public static SwarmBuilder AddOpenstackBackend(this SwarmBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder.AddBackend<OpenstackBackend>();
    }
}
