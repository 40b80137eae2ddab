using NUnit.Framework;
using Swarm.Core.Containers;

namespace Swarm.Testing;

/// <summary>The logs role: output so far, the tail of it, and following until the container stops.</summary>
/// <typeparam name="TTarget">The backend under test.</typeparam>
public abstract class LogsConformance<TTarget> : ConformanceFixture<TTarget>
    where TTarget : ConformanceTarget, new()
{
    /// <summary>The logs of a container that has written something contain it.</summary>
    [Test]
    public async Task Logs_TalkingContainer_ContainsItsOutput()
    {
        var container = await StartedTalkerAsync();

        var text = await OutputAsync(container, new LogOptions());

        Assert.That(text, Does.Contain(Target.TalkingOutput));
    }

    /// <summary>A tail of one line is at most one line.</summary>
    [Test]
    public async Task Logs_TailOne_AtMostOneLine()
    {
        var container = await StartedTalkerAsync();

        var entries = await ToListAsync(Host.LogsAsync(container, new LogOptions { Tail = 1 }, Token()));

        Assert.That(string.Concat(entries.Select(e => e.Text)).TrimEnd('\n').Split('\n'), Has.Length.LessThanOrEqualTo(1));
    }

    /// <summary>Following ends by itself once the container stops.</summary>
    [Test]
    public async Task Logs_FollowThenStop_EndsTheStream()
    {
        var container = await StartedTalkerAsync();
        using var stream = new CancellationTokenSource(Target.CallTimeout * 2);
        var following = ToListAsync(Host.LogsAsync(container, new LogOptions { Follow = true }, stream.Token));

        await Host.StopAsync(container, null, Token());
        var entries = await following.WaitAsync(Target.CallTimeout * 2);

        Assert.That(string.Concat(entries.Select(e => e.Text)), Does.Contain(Target.TalkingOutput));
    }

    private async Task<ContainerHandle> StartedTalkerAsync()
    {
        var container = await CreateAsync(Target.Talking(UniqueName()));
        await Host.StartAsync(container, Token());
        var deadline = DateTime.UtcNow + Target.CallTimeout;
        while (!(await OutputAsync(container, new LogOptions())).Contains(Target.TalkingOutput, StringComparison.Ordinal))
        {
            if (DateTime.UtcNow > deadline)
            {
                Assert.Fail($"the container's logs never showed \"{Target.TalkingOutput}\" within {Target.CallTimeout.TotalSeconds} s");
            }

            await Task.Delay(TimeSpan.FromMilliseconds(100));
        }

        return container;
    }

    private async Task<string> OutputAsync(ContainerHandle container, LogOptions options) =>
        string.Concat((await ToListAsync(Host.LogsAsync(container, options, Token()))).Select(e => e.Text));

    private static async Task<List<T>> ToListAsync<T>(IAsyncEnumerable<T> items)
    {
        var list = new List<T>();
        await foreach (var item in items.ConfigureAwait(false))
        {
            list.Add(item);
        }

        return list;
    }
}
