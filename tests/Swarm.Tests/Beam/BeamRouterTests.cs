using Swarm.Core.Beam;

namespace Swarm.Tests.Beam;

public sealed class BeamRouterTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    [Test]
    public async Task Call_HandlerAcks_ReturnsAck()
    {
        var router = new BeamRouter("test").On(Verb.Get, r => r.SetAsync("a", "b"));

        var reply = await new BeamClient(router).CallAsync(Verb.Get, [], Token());

        Assert.That(reply.Verb, Is.EqualTo(Verb.Set));
        Assert.That(reply.Args, Is.EqualTo(new[] { "a", "b" }));
    }

    [Test]
    public void Call_NoHandler_IsNotImplementedNamingOwnerAndVerb()
    {
        var router = new BeamRouter("widget");

        var ex = Assert.ThrowsAsync<BeamException>(() => new BeamClient(router).CallAsync(Verb.Pause, [], Token()));

        Assert.That(ex!.Kind, Is.EqualTo(BeamErrorKind.NotImplemented));
        Assert.That(ex.Message, Is.EqualTo("widget does not implement Pause"));
    }

    [TestCase(BeamErrorKind.NotFound)]
    [TestCase(BeamErrorKind.Conflict)]
    [TestCase(BeamErrorKind.Invalid)]
    [TestCase(BeamErrorKind.Unavailable)]
    [TestCase(BeamErrorKind.Unauthorized)]
    public void Call_HandlerThrowsBeamException_KeepsKindAndMessage(BeamErrorKind kind)
    {
        var router = new BeamRouter("test").On(Verb.Start, _ => throw new BeamException(kind, "no such thing: x"));

        var ex = Assert.ThrowsAsync<BeamException>(() => new BeamClient(router).CallAsync(Verb.Start, [], Token()));

        Assert.That(ex!.Kind, Is.EqualTo(kind));
        Assert.That(ex.Message, Is.EqualTo("no such thing: x"));
    }

    [Test]
    public void Call_HandlerThrowsUnexpected_IsInternalNamingVerb()
    {
        var router = new BeamRouter("test").On(Verb.Stop, _ => throw new InvalidOperationException("boom"));

        var ex = Assert.ThrowsAsync<BeamException>(() => new BeamClient(router).CallAsync(Verb.Stop, [], Token()));

        Assert.That(ex!.Kind, Is.EqualTo(BeamErrorKind.Internal));
        Assert.That(ex.Message, Is.EqualTo("test failed on Stop: boom"));
    }

    [Test]
    public void Call_HandlerThrowsAsynchronously_StillAnswers()
    {
        var router = new BeamRouter("test").On(Verb.Stop, async _ =>
        {
            await Task.Yield();
            throw new TimeoutException("upstream slow");
        });

        var ex = Assert.ThrowsAsync<BeamException>(() => new BeamClient(router).CallAsync(Verb.Stop, [], Token()));

        Assert.That(ex!.Kind, Is.EqualTo(BeamErrorKind.Unavailable));
    }

    [Test]
    public void Call_HandlerReturnsWithoutReply_IsInternalNotHang()
    {
        var router = new BeamRouter("lazy").On(Verb.Get, _ => ValueTask.CompletedTask);

        var ex = Assert.ThrowsAsync<BeamException>(() => new BeamClient(router).CallAsync(Verb.Get, [], Token()));

        Assert.That(ex!.Kind, Is.EqualTo(BeamErrorKind.Internal));
        Assert.That(ex.Message, Is.EqualTo("lazy sent no reply to Get"));
    }

    [Test]
    public async Task Reply_SecondTerminal_IsRejected()
    {
        Exception? second = null;
        var router = new BeamRouter("test").On(Verb.Get, async r =>
        {
            await r.AckAsync();
            try
            {
                await r.AckAsync();
            }
            catch (InvalidOperationException ex)
            {
                second = ex;
            }
        });

        await new BeamClient(router).CallAsync(Verb.Get, [], Token());
        await router.StopAsync();

        Assert.That(second, Is.Not.Null);
    }

    [Test]
    public async Task Call_CallerCancels_HandlerSeesCancellation()
    {
        var handlerCancelled = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var router = new BeamRouter("test").On(Verb.Wait, async r =>
        {
            try
            {
                await Task.Delay(Timeout.Infinite, r.CancellationToken);
            }
            finally
            {
                handlerCancelled.TrySetResult();
            }
        });
        using var cts = new CancellationTokenSource();

        var call = new BeamClient(router).CallAsync(Verb.Wait, [], cts.Token);
        await cts.CancelAsync();

        Assert.That(async () => await call, Throws.InstanceOf<OperationCanceledException>());
        await handlerCancelled.Task.WaitAsync(Patience);
    }

    [Test]
    public async Task Stop_RequestInFlight_IsAnsweredUnavailable()
    {
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var router = new BeamRouter("test").On(Verb.Wait, async r =>
        {
            started.TrySetResult();
            await Task.Delay(Timeout.Infinite, r.CancellationToken);
        });

        var call = new BeamClient(router).CallAsync(Verb.Wait, [], Token());
        await started.Task.WaitAsync(Patience);
        await router.StopAsync();

        var ex = Assert.ThrowsAsync<BeamException>(() => call);
        Assert.That(ex!.Kind, Is.EqualTo(BeamErrorKind.Unavailable));
    }

    [Test]
    public async Task Stream_LogsThenAck_YieldsEachLogThenEnds()
    {
        var router = new BeamRouter("test").On(Verb.Logs, async r =>
        {
            for (var i = 0; i < 100; i++)
            {
                await r.LogAsync("stdout", "", $"line {i}");
            }

            await r.AckAsync();
        });

        var lines = new List<string>();
        await foreach (var m in new BeamClient(router).StreamAsync(Verb.Logs, [], Token()))
        {
            lines.Add(m.Arg(2)!);
        }

        Assert.That(lines, Has.Count.EqualTo(100));
        Assert.That(lines[^1], Is.EqualTo("line 99"));
    }

    [Test]
    public async Task Stream_ConsumerStopsEarly_ProducerIsCancelled()
    {
        var producerEnded = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var router = new BeamRouter("test").On(Verb.Logs, async r =>
        {
            try
            {
                for (var i = 0; ; i++)
                {
                    r.CancellationToken.ThrowIfCancellationRequested();
                    await r.LogAsync("stdout", "", $"line {i}");
                }
            }
            finally
            {
                producerEnded.TrySetResult();
            }
        });

        await foreach (var _ in new BeamClient(router).StreamAsync(Verb.Logs, [], Token()))
        {
            break;
        }

        await producerEnded.Task.WaitAsync(Patience);
    }

    [Test]
    public async Task Stream_CallerLeavesAsTerminalReplyGoesOut_NotLoggedAsFailure()
    {
        // Found by the dockerserver fuzz test: a logs stream whose client left just as the container's output ended.
        var logs = new Swarm.Tests.Support.LogCapture();
        var handlerDone = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var router = new BeamRouter("test", logs.CreateLogger("test")).On(Verb.Logs, async r =>
        {
            try
            {
                await Task.Delay(Timeout.InfiniteTimeSpan, r.CancellationToken);
            }
            catch (OperationCanceledException)
            {
                // The output ends as the caller leaves: the handler still sends its terminal reply.
            }

            try
            {
                await r.AckAsync();
            }
            finally
            {
                handlerDone.TrySetResult();
            }
        });
        using var leave = new CancellationTokenSource();
        var replies = new BeamClient(router).StreamAsync(Verb.Logs, [], leave.Token).GetAsyncEnumerator(leave.Token);
        var first = replies.MoveNextAsync();

        await leave.CancelAsync();
        Assert.That(async () => await first, Throws.InstanceOf<OperationCanceledException>());
        await handlerDone.Task.WaitAsync(Patience);
        await router.StopAsync().WaitAsync(Patience);

        Assert.That(logs.Problems, Is.Empty);
    }

    [Test]
    public void Stream_ErrorAfterLogs_Throws()
    {
        var router = new BeamRouter("test").On(Verb.Logs, async r =>
        {
            await r.LogAsync("stdout", "", "one");
            throw BeamException.NotFound("No such container: gone");
        });

        async Task Drain()
        {
            await foreach (var _ in new BeamClient(router).StreamAsync(Verb.Logs, [], Token()))
            {
            }
        }

        var ex = Assert.ThrowsAsync<BeamException>(Drain);
        Assert.That(ex!.Kind, Is.EqualTo(BeamErrorKind.NotFound));
    }

    [Test]
    public async Task Serve_ThroughPipe_ManyConcurrentCallsAllAnswered()
    {
        var router = new BeamRouter("test").On(Verb.Get, async r =>
        {
            await Task.Yield();
            await r.SetAsync(r.Arg(0)!);
        });
        var (sender, receiver) = BeamPipe.Create(capacity: 8);
        using var stop = new CancellationTokenSource();
        var serving = BeamServer.ServeAsync(receiver, router, stop.Token);
        var client = new BeamClient(sender);

        var replies = await Task.WhenAll(Enumerable.Range(0, 500).Select(i => client.CallAsync(Verb.Get, [$"{i}"], Token())));
        await stop.CancelAsync();
        await serving.WaitAsync(Patience);

        Assert.That(replies.Select(r => r.Arg(0)), Is.EquivalentTo(Enumerable.Range(0, 500).Select(i => $"{i}")));
    }

    [Test]
    public async Task Send_PipeClosed_IsUnavailable()
    {
        var (sender, _) = BeamPipe.Create(capacity: 1);
        sender.Complete();

        var ex = Assert.ThrowsAsync<BeamException>(() => new BeamClient(sender).CallAsync(Verb.Get, [], Token()));

        Assert.That(ex!.Kind, Is.EqualTo(BeamErrorKind.Unavailable));
        await Task.CompletedTask;
    }

    private static CancellationToken Token() => new CancellationTokenSource(Patience).Token;
}
