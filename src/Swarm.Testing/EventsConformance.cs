using NUnit.Framework;
using Swarm.Core.Containers;

namespace Swarm.Testing;

/// <summary>The events role: create, start, stop and destroy reported in order, replayed from Since.</summary>
/// <typeparam name="TTarget">The backend under test.</typeparam>
public abstract class EventsConformance<TTarget> : ConformanceFixture<TTarget>
    where TTarget : ConformanceTarget, new()
{
    /// <summary>A container's life shows as create, start, stop, destroy, in that order.</summary>
    [Test]
    public async Task Watch_ContainerLife_ReportsCreateStartStopDestroyInOrder()
    {
        // Since a moment ago: the stream replays what happened before it was under way, so nothing is missed.
        var since = DateTimeOffset.UtcNow - TimeSpan.FromSeconds(2);
        var stop = new CancellationTokenSource();
        var events = Host.WatchAsync(new WatchOptions(since), stop.Token);
        var name = UniqueName();
        string? id = null;
        var reading = ReadUntilAsync(events, seen => id is not null && seen.Any(e => e.Id == id && e.Action == "destroy"), $"the destroy event of {name}", stop);

        var container = await CreateAsync(name);
        id = container.Id;
        await Host.StartAsync(container, Token());
        await Host.StopAsync(container, null, Token());
        await Host.DeleteAsync(container, force: false, Token());
        var actions = (await reading).Where(e => e.Id == container.Id).Select(e => e.Action).ToList();

        Assert.That(actions, Does.Contain("create").And.Contain("start").And.Contain("stop").And.Contain("destroy"), string.Join(", ", actions));
        Assert.That(actions.IndexOf("create"), Is.LessThan(actions.IndexOf("start")));
        Assert.That(actions.IndexOf("start"), Is.LessThan(actions.LastIndexOf("stop")));
        Assert.That(actions.LastIndexOf("stop"), Is.LessThan(actions.IndexOf("destroy")));
        Assert.That((await reading).Where(e => e.Id == container.Id).Select(e => e.Name), Is.All.EqualTo(name));
    }

    /// <summary>With Until in the past, the stream replays and ends by itself.</summary>
    [Test]
    public async Task Watch_UntilPassed_Ends()
    {
        var now = DateTimeOffset.UtcNow;

        var read = Task.Run(async () =>
        {
            await foreach (var e in Host.WatchAsync(new WatchOptions(now - TimeSpan.FromSeconds(1), now), Token()).ConfigureAwait(false))
            {
                _ = e;
            }
        });

        Assert.That(async () => await read.WaitAsync(Target.CallTimeout), Throws.Nothing);
    }
}
