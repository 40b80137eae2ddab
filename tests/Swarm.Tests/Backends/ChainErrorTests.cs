using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Swarm.Core.Backends;
using Swarm.Core.Beam;
using Swarm.Core.Containers;
using Swarm.Core.Hosting;

namespace Swarm.Tests.Backends;

/// <summary>Errors raised deep in a chain reach the caller as errors with their kind, never as a hang.</summary>
public sealed class ChainErrorTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    [Test]
    public async Task Call_UnknownContainerThroughDebug_IsNotFoundAtCaller()
    {
        await using var chain = await StartAsync("debug", "simulator");
        var client = new ContainerHostClient(chain.Input);

        var ex = Assert.ThrowsAsync<BeamException>(() => client.ResolveAsync("nosuch", Token()));

        Assert.That(ex!.Kind, Is.EqualTo(BeamErrorKind.NotFound));
        Assert.That(ex.Message, Is.EqualTo("No such container: nosuch"));
    }

    [Test]
    public async Task Call_BackendThrowsDeepInChain_IsInternalErrorAtCaller()
    {
        await using var chain = await StartAsync("debug", "debug", "exploding");
        var client = new ContainerHostClient(chain.Input);

        var ex = Assert.ThrowsAsync<BeamException>(() => client.ListAsync(Token()));

        Assert.That(ex!.Kind, Is.EqualTo(BeamErrorKind.Internal));
        Assert.That(ex.Message, Does.Contain("exploding failed on List"));
    }

    [Test]
    public async Task Ls_AggregateWithFailingChild_FailsNamingChildInsteadOfHanging()
    {
        await using var chain = await StartAsync("aggregate simulator exploding");
        var client = new ContainerHostClient(chain.Input);

        var ex = Assert.ThrowsAsync<BeamException>(() => client.ListAsync(Token()));

        Assert.That(ex!.Message, Does.Contain("aggregate child 'exploding'"));
    }

    [Test]
    public async Task Call_ContainerVerbThroughDebugHandle_ReachesSimulator()
    {
        await using var chain = await StartAsync("debug", "simulator");
        var client = new ContainerHostClient(chain.Input);
        var container = await client.CreateAsync(new ContainerSpec { Name = "deep", Image = "cirros" }, Token());

        await client.StartAsync(container, Token());
        var ex = Assert.ThrowsAsync<BeamException>(() => client.DeleteAsync(container, force: false, Token()));

        Assert.That(ex!.Kind, Is.EqualTo(BeamErrorKind.Conflict));
        Assert.That(ex.Message, Does.StartWith("You cannot remove a running container"));
    }

    [Test]
    public async Task Stop_ChainWithRequestInFlight_AnswersIt()
    {
        var chain = await StartAsync("debug", "simulator");
        var client = new ContainerHostClient(chain.Input);
        var container = await client.CreateAsync(new ContainerSpec { Name = "waiter", Image = "cirros" }, Token());
        await client.StartAsync(container, Token());

        var wait = client.WaitAsync(container, WaitCondition.NextExit, Token());
        await chain.DisposeAsync();

        var ex = Assert.ThrowsAsync<BeamException>(() => wait);
        Assert.That(ex!.Kind, Is.EqualTo(BeamErrorKind.Unavailable));
    }

    private static CancellationToken Token() => new CancellationTokenSource(Patience).Token;

    private static async Task<SwarmChain> StartAsync(params string[] specs)
    {
        var services = new ServiceCollection();
        services.AddLogging(b => b.SetMinimumLevel(LogLevel.None));
        services.AddSwarm().AddBackend<ExplodingBackend>();
        var chain = await services.BuildServiceProvider().GetRequiredService<SwarmChainFactory>().CreateAsync(specs);
        await chain.StartAsync(CancellationToken.None);
        return chain;
    }

    /// <summary>A backend whose every verb fails with an unexpected exception.</summary>
    private sealed class ExplodingBackend : IBackend
    {
        public string Name => "exploding";

        public string Description => "fails every verb";

        public string Usage => "exploding";

        public IBackendInstance Create(BackendContext context)
        {
            var router = new BeamRouter(Name);
            foreach (var verb in Enum.GetValues<Verb>())
            {
                router.On(verb, _ => throw new InvalidOperationException("kaboom"));
            }

            return new RouterInstance(router);
        }
    }
}
