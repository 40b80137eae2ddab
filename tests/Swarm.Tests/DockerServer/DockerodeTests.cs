using Swarm.Tests.Support;

namespace Swarm.Tests.DockerServer;

/// <summary>dockerode 5 (npm) against <c>dockerserver</c> + simulator: its usual create-then-start flow.</summary>
[Category("Clients")]
[NonParallelizable]
public sealed class DockerodeTests
{
    private ChainHost _host = null!;

    [OneTimeSetUp]
    public async Task StartAsync()
    {
        Clients.RequireDockerode();
        _host = await ChainHost.StartDockerServerAsync();
    }

    [OneTimeTearDown]
    public async Task StopAsync()
    {
        if (_host is not null)
        {
            await _host.DisposeAsync();
        }
    }

    [Test]
    public async Task CreateThenStart_DockerodeFlow_StartsThenSecondStartThrows304()
    {
        var result = await Dockerode.RunAsync(_host.HttpBase, """
            const c = await docker.createContainer({ Image: 'cirros', name: 'node-flow', Cmd: ['sleep', '600'] });
            await c.start();
            console.log('started', (await c.inspect()).State.Status);
            try { await c.start(); console.log('second start: no error'); } catch (e) { console.log('second start:', e.statusCode); }
            await c.stop();
            await c.remove();
            console.log('removed');
            """);

        Assert.That(result.ExitCode, Is.Zero, result.ToString());
        Assert.That(result.Lines, Is.EqualTo(new[] { "started running", "second start: 304", "removed" }));
    }
}
