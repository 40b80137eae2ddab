using System.Text;
using Swarm.Backends.DockerServer.Http;
using Swarm.Core.Containers;

namespace Swarm.Tests.DockerServer;

/// <summary>
/// The kept bodies of <c>GET /containers/json</c> and <c>/containers/{id}/json</c> are only as right as two claims:
/// a Status text holds until <see cref="DockerText.StatusChangesAt"/>, and a kept body is found only for the very
/// object it was rendered from, in its window.
/// </summary>
public sealed class ResponseMemoTests
{
    private static readonly DateTimeOffset Since = new(2026, 12, 1, 12, 0, 0, 250, TimeSpan.Zero);

    public static IEnumerable<ContainerState> ClockStates()
    {
        yield return new ContainerState { Status = ContainerStatus.Running, StartedAt = Since };
        yield return new ContainerState { Status = ContainerStatus.Paused, StartedAt = Since };
        yield return new ContainerState { Status = ContainerStatus.Running, StartedAt = Since, Detail = "booting" };
        yield return new ContainerState { Status = ContainerStatus.Exited, ExitCode = 3, FinishedAt = Since };
        yield return new ContainerState { Status = ContainerStatus.Restarting, ExitCode = 1, FinishedAt = Since };
    }

    [TestCaseSource(nameof(ClockStates))]
    public void StatusChangesAt_AnyInstant_StatusHoldsUntilThenAndTheHumanPartChangesThere(ContainerState state)
    {
        // Instants from before the start (a clock that went back) to days after, at odd fractions of a second.
        var offsets = new List<TimeSpan>();
        for (var ms = -2_500L; ms < 200_000; ms += 137)
        {
            offsets.Add(TimeSpan.FromMilliseconds(ms));
        }

        offsets.AddRange([TimeSpan.FromMinutes(59.99), TimeSpan.FromMinutes(90.5), TimeSpan.FromHours(47.3), TimeSpan.FromDays(40.2)]);

        foreach (var offset in offsets)
        {
            var now = Since + offset;
            var until = DockerText.StatusChangesAt(state, now);
            var text = DockerText.Status(state, now);

            Assert.That(until, Is.GreaterThan(now), $"at {offset}");
            Assert.That(DockerText.Status(state, until - TimeSpan.FromTicks(1)), Is.EqualTo(text), $"just before the change, from {offset}");
            Assert.That(DockerText.Status(state, now + ((until - now) / 2)), Is.EqualTo(text), $"half way to the change, from {offset}");
        }
    }

    [Test]
    public void StatusChangesAt_FirstSeconds_EachSecondItsOwnText()
    {
        var state = new ContainerState { Status = ContainerStatus.Running, StartedAt = Since };
        var now = Since;
        var seen = new List<string>();
        for (var i = 0; i < 4; i++)
        {
            seen.Add(DockerText.Status(state, now));
            now = DockerText.StatusChangesAt(state, now);
        }

        Assert.That(seen, Is.EqualTo(new[] { "Up Less than a second", "Up 1 second", "Up 2 seconds", "Up 3 seconds" }));
    }

    [TestCase(ContainerStatus.Created)]
    [TestCase(ContainerStatus.Removing)]
    [TestCase(ContainerStatus.Dead)]
    public void StatusChangesAt_NoClockInTheText_Never(ContainerStatus status)
    {
        var state = new ContainerState { Status = status, StartedAt = Since, FinishedAt = Since };

        Assert.That(DockerText.StatusChangesAt(state, Since + TimeSpan.FromSeconds(5)), Is.EqualTo(DateTimeOffset.MaxValue));
    }

    [Test]
    public void Find_SameSourceVersionQueryInWindow_TheKeptBody()
    {
        var memo = new BodyMemo(4);
        var source = new List<string> { "a" };
        var body = Encoding.UTF8.GetBytes("[]");
        memo.Keep(source, "1.47", "?all=1", Since, Since + TimeSpan.FromSeconds(1), body);

        Assert.That(memo.Find(source, "1.47", "?all=1", Since + TimeSpan.FromMilliseconds(999)), Is.SameAs(body));
    }

    [Test]
    public void Find_AnythingElseDiffers_Nothing()
    {
        var memo = new BodyMemo(4);
        var source = new List<string> { "a" };
        memo.Keep(source, "1.47", "?all=1", Since, Since + TimeSpan.FromSeconds(1), [1]);

        Assert.Multiple(() =>
        {
            Assert.That(memo.Find(new List<string> { "a" }, "1.47", "?all=1", Since), Is.Null, "an equal but other object");
            Assert.That(memo.Find(source, "1.41", "?all=1", Since), Is.Null, "another API version");
            Assert.That(memo.Find(source, "1.47", "", Since), Is.Null, "another query");
            Assert.That(memo.Find(source, "1.47", "?all=1", Since + TimeSpan.FromSeconds(1)), Is.Null, "at the end of its window");
            Assert.That(memo.Find(source, "1.47", "?all=1", Since - TimeSpan.FromTicks(1)), Is.Null, "before it was rendered");
        });
    }

    [Test]
    public void Keep_ManyMoreSourcesThanSlots_EachFoundOnlyWithItsOwnBody()
    {
        var memo = new BodyMemo(4);
        var sources = Enumerable.Range(0, 50).Select(i => new object()).ToArray();
        for (var i = 0; i < sources.Length; i++)
        {
            memo.Keep(sources[i], "1.47", "", Since, DateTimeOffset.MaxValue, [(byte)i]);
        }

        for (var i = 0; i < sources.Length; i++)
        {
            var found = memo.Find(sources[i], "1.47", "", Since);
            Assert.That(found is null || found[0] == i, Is.True, $"source {i}");
        }

        Assert.That(memo.Find(sources[^1], "1.47", "", Since), Is.EqualTo(new byte[] { 49 }), "the newest is kept");
    }
}
