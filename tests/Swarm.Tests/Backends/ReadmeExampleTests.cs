using Microsoft.Extensions.DependencyInjection;
using Swarm.Core.Containers;
using Swarm.Core.Hosting;
using Swarm.Tests.Support;

namespace Swarm.Tests.Backends;

/// <summary>The README's embedding example, as written, works.</summary>
public sealed class ReadmeExampleTests
{
    [Test]
    public async Task EmbeddingExample_AsInReadme_PrintsRunning()
    {
        // Keep in step with README.md "Embedding".
        var services = new ServiceCollection().AddLogging();
        services.AddSwarm();
        await using var provider = services.BuildServiceProvider();
        await using var chain = await provider.GetRequiredService<SwarmChainFactory>().CreateAsync("debug", "simulator");
        await chain.StartAsync(CancellationToken.None);
        var host = new ContainerHostClient(chain.Input);
        var web = await host.CreateAsync(new ContainerSpec { Name = "web", Image = "cirros" }, CancellationToken.None);
        await host.StartAsync(web, CancellationToken.None);

        Assert.That((await host.GetAsync(web, CancellationToken.None)).State.Status, Is.EqualTo(ContainerStatus.Running));
    }

    [Test]
    public void Readme_FirstScreen_HasRunAndTestCommands()
    {
        var readme = File.ReadAllText(Repository.Path("README.md"));
        var firstScreen = string.Join('\n', readme.Split('\n').Take(25));

        Assert.That(firstScreen, Does.Contain("dotnet run --project src/Swarmd -- 'dockerserver tcp://127.0.0.1:4243' simulator"));
        Assert.That(firstScreen, Does.Contain("./scripts/test.sh"));
    }
}
