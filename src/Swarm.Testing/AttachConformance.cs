using NUnit.Framework;
using Swarm.Core.Containers;

namespace Swarm.Testing;

/// <summary>The attach role: a connection made before start streams that run's output and ends when it ends.</summary>
/// <typeparam name="TTarget">The backend under test.</typeparam>
public abstract class AttachConformance<TTarget> : ConformanceFixture<TTarget>
    where TTarget : ConformanceTarget, new()
{
    /// <summary>Connect before start (as <c>docker run</c> does): the output of the run arrives.</summary>
    [Test]
    public async Task Connect_BeforeStart_StreamsTheRunsOutput()
    {
        var container = await CreateAsync(Target.Talking(UniqueName()));
        var stop = new CancellationTokenSource();
        var output = Host.ConnectAsync(container, null, stop.Token);
        var reading = ReadUntilAsync(output, seen => string.Concat(seen.Select(e => e.Text)).Contains(Target.TalkingOutput, StringComparison.Ordinal),
            $"\"{Target.TalkingOutput}\" on the connection", stop);

        await Host.StartAsync(container, Token());
        var entries = await reading;

        Assert.That(string.Concat(entries.Select(e => e.Text)), Does.Contain(Target.TalkingOutput));
    }

    /// <summary>A connection ends by itself when the container it streams stops.</summary>
    [Test]
    public async Task Connect_ThenStop_EndsTheStream()
    {
        var container = await CreateAsync(Target.Talking(UniqueName()));
        using var stream = new CancellationTokenSource(Target.CallTimeout * 2);
        var output = Host.ConnectAsync(container, null, stream.Token).GetAsyncEnumerator(stream.Token);
        var first = output.MoveNextAsync();
        await Host.StartAsync(container, Token());

        // The first output proves the connection is under way before the stop.
        Assert.That(await first.AsTask().WaitAsync(Target.CallTimeout), Is.True, "output on the connection");
        await Host.StopAsync(container, null, Token());
        var drained = Task.Run(async () =>
        {
            while (await output.MoveNextAsync())
            {
            }
        });

        Assert.That(async () => await drained.WaitAsync(Target.CallTimeout), Throws.Nothing, "the stream ends once the container has stopped");
        await output.DisposeAsync();
    }
}
