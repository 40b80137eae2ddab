using Microsoft.Extensions.Logging;
using Swarm.Tests.Support;

namespace Swarm.Tests.DockerServer;

/// <summary>Clients that leave mid-request: their doing, logged at debug, never as a server failure.</summary>
[NonParallelizable]
public sealed class ClientAbortTests
{
    private const string Head = "POST /containers/create?name=short HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n";

    // What dockerserver logged about the request (everything but its "listening" line).
    private static IEnumerable<LogCapture.Entry> RequestLines(LogCapture logs) =>
        logs.Entries.Where(e => e.Category == "Swarm.DockerServer" && e.EventId is not (300 or 307));

    private static bool ConnectionStopped(LogCapture.Entry e) =>
        e.Category == "Microsoft.AspNetCore.Server.Kestrel.Connections" && e.Message.EndsWith("stopped.", StringComparison.Ordinal);

    [Test]
    public async Task Create_BodyShorterThanContentLengthThenHalfClose_400AndNothingLoggedAsFailure()
    {
        var logs = new LogCapture();
        await using var host = await ChainHost.StartDockerServerAsync(logs: logs);
        await using var raw = await RawHttp.ConnectAsync(host.HttpBase);

        await raw.SendAsync(Head + "{\"Image\":\"cirros\"");
        await WaitFor.ConditionAsync(() => logs.Entries.Any(e => e.Category == "Swarm.DockerServer" && e.EventId == 307), "the server to start on the request");
        raw.HalfClose();
        await raw.ReadToEndAsync("the answer to a truncated body");

        // The FIN before the body's end is the client leaving (as everywhere before a hijack): usually nothing is
        // answered; if the answer races out first, it is the 400 saying why.
        Assert.That(raw.Received, Is.Empty.Or.StartWith("HTTP/1.1 400 ").And.Contain("the request body ended before its Content-Length"));

        await WaitFor.ConditionAsync(() => logs.Entries.Any(ConnectionStopped), "Kestrel to be done with the connection");
        Assert.That(logs.Problems, Is.Empty, string.Join("\n", logs.Entries));
        Assert.That(RequestLines(logs), Is.Not.Empty.And.All.Property("Level").EqualTo(LogLevel.Debug));
    }

    [Test]
    public async Task Create_MalformedChunk_400NamingItAndNothingLoggedAsFailure()
    {
        var logs = new LogCapture();
        await using var host = await ChainHost.StartDockerServerAsync(logs: logs);
        await using var raw = await RawHttp.ConnectAsync(host.HttpBase);

        await raw.SendAsync("POST /containers/create HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n{}\r\n0\r\n\r\n");
        await raw.ReadToEndAsync("the answer to a malformed chunk");

        Assert.That(raw.Received, Does.StartWith("HTTP/1.1 400 ").And.Contain("{\"message\":\"bad request: "));
        await WaitFor.ConditionAsync(() => logs.Entries.Any(ConnectionStopped), "Kestrel to be done with the connection");
        Assert.That(logs.Problems, Is.Empty, string.Join("\n", logs.Entries));
    }

    [Test]
    public async Task Create_BodyShorterThanContentLengthThenReset_NothingLoggedAsFailure()
    {
        var logs = new LogCapture();
        await using var host = await ChainHost.StartDockerServerAsync(logs: logs);
        await using var raw = await RawHttp.ConnectAsync(host.HttpBase);

        await raw.SendAsync(Head + "{\"Image\":\"cirros\"");
        await WaitFor.ConditionAsync(() => logs.Entries.Any(e => e.Category == "Swarm.DockerServer" && e.EventId == 307), "the server to start on the request");
        raw.Reset();

        await WaitFor.ConditionAsync(() => logs.Entries.Any(ConnectionStopped), "Kestrel to be done with the connection");
        Assert.That(logs.Problems, Is.Empty, string.Join("\n", logs.Entries));
        Assert.That(RequestLines(logs), Is.Not.Empty.And.All.Property("Level").EqualTo(LogLevel.Debug));
    }
}
