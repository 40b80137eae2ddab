using Microsoft.Extensions.DependencyInjection;
using Swarm.Backends.Openstack;
using Swarm.Core.Hosting;

namespace Swarmd;

/// <summary>The backends swarmd ships with, beyond the built-in ones of <c>AddSwarm()</c>.</summary>
internal static class StandardBackends
{
    public static SwarmBuilder AddStandardBackends(this SwarmBuilder builder) => builder
        .AddDockerServerBackend()
        .AddOpenstackBackend();
}
