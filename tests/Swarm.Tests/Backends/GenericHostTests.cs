using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Swarm.Core.Containers;
using Swarm.Core.Hosting;

namespace Swarm.Tests.Backends;

/// <summary>Chains under Generic Host, as an embedding application runs them.</summary>
public sealed class GenericHostTests
{
    [Test]
    public async Task AddChain_Twice_BothChainsRun()
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Services.AddSwarm().AddChain("simulator --name=first").AddChain("debug", "simulator --name=second");
        using var host = builder.Build();

        await host.StartAsync();
        var chains = host.Services.GetServices<IHostedService>().OfType<SwarmChainService>().Select(s => s.Chain).ToList();
        var names = new List<string>();
        foreach (var chain in chains)
        {
            names.Add((await new ContainerHostClient(chain!.Input).GetInfoAsync(CancellationToken.None)).Name);
        }

        await host.StopAsync();

        Assert.That(chains, Has.Count.EqualTo(2), "one hosted service per AddChain");
        Assert.That(names, Is.EquivalentTo(new[] { "first", "second" }), "both chains started and answer");
    }
}
