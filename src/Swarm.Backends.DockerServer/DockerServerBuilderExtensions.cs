using Swarm.Backends.DockerServer;
using Swarm.Core.Hosting;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers the <c>dockerserver</c> backend.</summary>
public static class DockerServerBuilderExtensions
{
    /// <summary>Adds <c>dockerserver</c>, the Docker Engine API frontend, to the backends swarmd knows.</summary>
    public static SwarmBuilder AddDockerServerBackend(this SwarmBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder.AddBackend<DockerServerBackend>();
    }
}
