using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Swarm.Backends.Openstack;
using Swarm.Core.Backends;
using Swarm.Core.Containers;
using Swarm.Tests.Conformance;

namespace Swarm.Tests.Openstack;

/// <summary>The openstack backend honours the verb contract against the real local OpenStack.</summary>
[Category("OpenStack")]
[NonParallelizable]
public sealed class OpenstackConformanceTests : BackendConformanceTests
{
    protected override TimeSpan CallTimeout => TimeSpan.FromSeconds(120);

    protected override async Task<(ContainerHostClient Client, IAsyncDisposable Lifetime)> CreateHostAsync()
    {
        using var cloud = LocalCloud.Require();
        var env = new Dictionary<string, string>(cloud.Env);
        var backend = new OpenstackBackend(() => env);
        var services = new ServiceCollection().BuildServiceProvider();
        var instance = backend.Create(new BackendContext(
            BackendSpec.Parse("openstack --flavor=m1.tiny --boot-timeout=100s --poll-interval=0.2s"), null, services, NullLoggerFactory.Instance));
        await instance.StartAsync(CancellationToken.None);
        return (new ContainerHostClient(instance.Input), instance);
    }
}
