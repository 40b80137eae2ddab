using Microsoft.Extensions.DependencyInjection;
using Swarm.Core.Backends;

namespace Swarm.Tests.Backends;

public sealed class BackendRegistryTests
{
    [Test]
    public void Get_DifferentCase_FindsBackend()
    {
        var registry = Registry();

        Assert.That(registry.Get("SIMULATOR").Name, Is.EqualTo("simulator"));
    }

    [Test]
    public void Get_Unknown_ListsKnownNames()
    {
        var ex = Assert.Throws<SwarmSpecException>(() => Registry().Get("nope"));

        Assert.That(ex!.Message, Is.EqualTo("unknown backend 'nope' (known: aggregate, debug, simulator)"));
    }

    [Test]
    public void Create_DuplicateName_FailsNamingIt()
    {
        var services = new ServiceCollection();
        services.AddSwarm().AddBackend(new Swarm.Core.Backends.Simulator.SimulatorBackend());

        var ex = Assert.Throws<InvalidOperationException>(() => services.BuildServiceProvider().GetRequiredService<BackendRegistry>());

        Assert.That(ex!.Message, Does.Contain("'simulator'"));
    }

    private static BackendRegistry Registry()
    {
        var services = new ServiceCollection();
        services.AddSwarm();
        return services.BuildServiceProvider().GetRequiredService<BackendRegistry>();
    }
}
