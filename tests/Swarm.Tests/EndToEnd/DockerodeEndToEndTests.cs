using Swarm.Tests.Support;

namespace Swarm.Tests.EndToEnd;

/// <summary>dockerode against Nova: create then start, its usual flow, which throws on a 304.</summary>
public sealed class DockerodeEndToEndTests : OpenstackEndToEndFixture
{
    [Test]
    public async Task CreateThenStart_DockerodeFlow_FirstStartSucceedsOnNova()
    {
        var name = Name("node");

        var result = await Dockerode.RunAsync(Swarmd.HttpBase, $$"""
            const c = await docker.createContainer({ Image: 'cirros', name: '{{name}}' });
            console.log('created', c.id);
            await c.start();
            console.log('started', (await c.inspect()).State.Status);
            try { await c.start(); console.log('second start: no error'); } catch (e) { console.log('second start:', e.statusCode); }
            await c.remove({ force: true });
            console.log('removed');
            """);

        Assert.That(result.ExitCode, Is.Zero, result.ToString());
        var id = result.Lines[0]["created ".Length..];
        Assert.That(result.Lines[1..], Is.EqualTo(new[] { "started running", "second start: 304", "removed" }), result.ToString());
        Assert.That(await Cloud.ServerAsync(id), Is.Null, "gone from Nova once remove returned");
    }
}
