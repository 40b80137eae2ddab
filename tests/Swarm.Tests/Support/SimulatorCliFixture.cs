namespace Swarm.Tests.Support;

/// <summary>
/// A fixture whose tests drive <c>dockerserver tcp://127.0.0.1:PORT</c> + simulator with the real docker CLI: one chain
/// and one CLI for the whole fixture, both disposed after it.
/// </summary>
[Category("Clients")]
[NonParallelizable]
public abstract class SimulatorCliFixture
{
    /// <summary>The running chain.</summary>
    protected ChainHost Host { get; private set; } = null!;

    /// <summary>The docker CLI pointed at it.</summary>
    protected DockerCli Docker { get; private set; } = null!;

    [OneTimeSetUp]
    public async Task StartChainAsync()
    {
        Clients.RequireDocker();
        Host = await ChainHost.StartDockerServerAsync();
        Docker = new DockerCli(Host.DockerHost);
    }

    [OneTimeTearDown]
    public async Task StopChainAsync()
    {
        Docker?.Dispose();
        if (Host is not null)
        {
            await Host.DisposeAsync();
        }
    }
}
