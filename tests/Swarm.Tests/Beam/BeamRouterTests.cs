using Swarm.Core.Beam;
using Swarm.Core.Containers;
using Swarm.Tests.Support;

namespace Swarm.Tests.Beam;

public sealed class BeamRouterTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    [Test]
    public async Task Call_HandlerAcks_ReturnsAck()
    {
        var router = new BeamRouter("test").On(Verb.Get, r => r.SetAsync(new ReferenceBody("a")));

        var reply = await BeamClient.CallAsync(router, Verb.Get, null, Token());

        Assert.That(reply.Verb, Is.EqualTo(Verb.Set));
        Assert.That(reply.Body, Is.EqualTo(new ReferenceBody("a")));
    }

    [Test]
    public void Call_NoHandler_IsNotImplementedNamingOwnerAndVerb()
    {
        var router = new BeamRouter("widget");

        var ex = Assert.ThrowsAsync<BeamException>(() => BeamClient.CallAsync(router, Verb.Pause, null, Token()));

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

        var ex = Assert.ThrowsAsync<BeamException>(() => BeamClient.CallAsync(router, Verb.Start, null, Token()));

        Assert.That(ex!.Kind, Is.EqualTo(kind));
        Assert.That(ex.Message, Is.EqualTo("no such thing: x"));
    }

    [Test]
    public void Call_HandlerThrowsUnexpected_IsInternalNamingVerb()
    {
        var router = new BeamRouter("test").On(Verb.Stop, _ => throw new InvalidOperationException("boom"));

        var ex = Assert.ThrowsAsync<BeamException>(() => BeamClient.CallAsync(router, Verb.Stop, null, Token()));

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

        var ex = Assert.ThrowsAsync<BeamException>(() => BeamClient.CallAsync(router, Verb.Stop, null, Token()));

        Assert.That(ex!.Kind, Is.EqualTo(BeamErrorKind.Unavailable));
    }

    [Test]
    public void Call_HandlerReturnsWithoutReply_IsInternalNotHang()
    {
        var router = new BeamRouter("lazy").On(Verb.Get, _ => ValueTask.CompletedTask);

        var ex = Assert.ThrowsAsync<BeamException>(() => BeamClient.CallAsync(router, Verb.Get, null, Token()));

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

        await BeamClient.CallAsync(router, Verb.Get, null, Token());
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

        var call = BeamClient.CallAsync(router, Verb.Wait, null, cts.Token);
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

        var call = BeamClient.CallAsync(router, Verb.Wait, null, Token());
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
                await r.StreamAsync(Verb.Log, new LogBody(new LogEntry(LogStream.Stdout, default, $"line {i}")));
            }

            await r.AckAsync();
        });

        var lines = new List<string>();
        await foreach (var m in BeamClient.StreamAsync(router, Verb.Logs, null, Token()))
        {
            lines.Add(((LogBody)m.Body).Entry.Text);
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
                    await r.StreamAsync(Verb.Log, new LogBody(new LogEntry(LogStream.Stdout, default, $"line {i}")));
                }
            }
            finally
            {
                producerEnded.TrySetResult();
            }
        });

        await foreach (var _ in BeamClient.StreamAsync(router, Verb.Logs, null, Token()))
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
        var replies = BeamClient.StreamAsync(router, Verb.Logs, null, leave.Token).GetAsyncEnumerator(leave.Token);
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
            await r.StreamAsync(Verb.Log, new LogBody(new LogEntry(LogStream.Stdout, default, "one")));
            throw BeamException.NotFound("No such container: gone");
        });

        async Task Drain()
        {
            await foreach (var _ in BeamClient.StreamAsync(router, Verb.Logs, null, Token()))
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
            await r.SetAsync(r.Body<ReferenceBody>());
        });
        var (sender, receiver) = BeamPipe.Create(capacity: 8);
        using var stop = new CancellationTokenSource();
        var serving = BeamServer.ServeAsync(receiver, router, stop.Token);
        var replies = await Task.WhenAll(Enumerable.Range(0, 500).Select(i => BeamClient.CallAsync(sender, Verb.Get, new ReferenceBody($"{i}"), Token())));
        await stop.CancelAsync();
        await serving.WaitAsync(Patience);

        Assert.That(replies.Select(r => ((ReferenceBody)r.Body).Reference), Is.EquivalentTo(Enumerable.Range(0, 500).Select(i => $"{i}")));
    }

    [Test]
    public async Task Send_PipeClosed_IsUnavailable()
    {
        var (sender, _) = BeamPipe.Create(capacity: 1);
        sender.Complete();

        var ex = Assert.ThrowsAsync<BeamException>(() => BeamClient.CallAsync(sender, Verb.Get, null, Token()));

        Assert.That(ex!.Kind, Is.EqualTo(BeamErrorKind.Unavailable));
        await Task.CompletedTask;
    }

    [Test]
    public async Task Call_BeyondMaxInFlight_IsUnavailableAtOnceNamingTheLimit()
    {
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var router = new BeamRouter("small", maxInFlight: 2).On(Verb.Wait, async r =>
        {
            await release.Task;
            await r.AckAsync();
        }).On(Verb.Get, r => r.AckAsync());
        var held = Enumerable.Range(0, 2).Select(_ => BeamClient.CallAsync(router, Verb.Wait, null, Token())).ToList();
        await WaitFor.ConditionAsync(() => router.InFlight == 2, "two requests running");

        var ex = Assert.ThrowsAsync<BeamException>(() => BeamClient.CallAsync(router, Verb.Get, null, Token()));
        release.TrySetResult();
        await Task.WhenAll(held);
        var after = await BeamClient.CallAsync(router, Verb.Get, null, Token());

        Assert.That(ex!.Kind, Is.EqualTo(BeamErrorKind.Unavailable));
        Assert.That(ex.Message, Is.EqualTo("small is busy: 2 requests are running; try again later"));
        Assert.That(after.Verb, Is.EqualTo(Verb.Ack), "once requests end, new ones run again");
    }

    [Test]
    public async Task Call_CallerCancels_LoggedAtDebugNotAsAFailure()
    {
        var logger = new Swarm.Tests.Openstack.ListLogger();
        var levels = new List<Microsoft.Extensions.Logging.LogLevel>();
        var router = new BeamRouter("test", new LevelLogger(logger, levels)).On(Verb.Wait, async r => await Task.Delay(Timeout.Infinite, r.CancellationToken));
        using var cts = new CancellationTokenSource();

        var call = BeamClient.CallAsync(router, Verb.Wait, null, cts.Token);
        await WaitFor.ConditionAsync(() => router.InFlight == 1, "the wait running");
        await cts.CancelAsync();
        Assert.That(async () => await call, Throws.InstanceOf<OperationCanceledException>());
        await router.StopAsync();

        Assert.That(levels, Is.All.LessThanOrEqualTo(Microsoft.Extensions.Logging.LogLevel.Debug), string.Join("\n", logger.Lines));
        Assert.That(logger.Lines, Has.Some.Contains("its caller went away"));
    }

    [Test]
    public async Task Role_NotImplemented_AnswersWithASentenceNamingTheRole()
    {
        var router = ContainerHostRouter.Create(new CoreOnlyHost());

        var ex = Assert.ThrowsAsync<BeamException>(() => BeamClient.CallAsync(router, Verb.Watch, new WatchBody(new WatchOptions()), Token()));

        Assert.That(ex!.Kind, Is.EqualTo(BeamErrorKind.NotImplemented));
        Assert.That(ex.Message, Is.EqualTo("core-only does not implement events, so it cannot answer Watch"));
        await router.StopAsync();
    }

    private static CancellationToken Token() => new CancellationTokenSource(Patience).Token;

    /// <summary>A host with the core role only.</summary>
    private sealed class CoreOnlyHost : IContainerHost
    {
        public string Name => "core-only";

        public Task<HostInfo> GetInfoAsync(CancellationToken cancellationToken) => Task.FromResult(new HostInfo());

        public Task<IReadOnlyList<ContainerRecord>> ListAsync(CancellationToken cancellationToken) => Task.FromResult<IReadOnlyList<ContainerRecord>>([]);

        public Task<ContainerHandle> ResolveAsync(string reference, CancellationToken cancellationToken) => throw BeamException.NotFound(reference);

        public Task<ContainerRecord> GetAsync(ContainerHandle container, CancellationToken cancellationToken) => throw BeamException.NotFound(container.Id);

        public Task<ContainerHandle> CreateAsync(ContainerSpec spec, CancellationToken cancellationToken) => throw BeamException.NotImplemented("no");

        public Task DeleteAsync(ContainerHandle container, bool force, CancellationToken cancellationToken) => Task.CompletedTask;
    }

    /// <summary>Records the level of each line as well as its text.</summary>
    private sealed class LevelLogger(Swarm.Tests.Openstack.ListLogger inner, List<Microsoft.Extensions.Logging.LogLevel> levels) : Microsoft.Extensions.Logging.ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(Microsoft.Extensions.Logging.LogLevel logLevel) => true;

        public void Log<TState>(Microsoft.Extensions.Logging.LogLevel logLevel, Microsoft.Extensions.Logging.EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            lock (levels)
            {
                levels.Add(logLevel);
            }

            inner.Log(logLevel, eventId, state, exception, formatter);
        }
    }
}
