using System.Runtime.CompilerServices;
using Swarm.Backends.Openstack.Cloud;
using Swarm.Backends.Openstack.Compute.V2;
using Swarm.Core.Containers;

namespace Swarm.Backends.Openstack.Containers;

/// <summary>
/// Docker's logs as the server's console output (<c>os-getConsoleOutput</c>). The console has no timestamps: each
/// line is stamped when it was read, and Since/Until are ignored. Tail maps to the call's <c>length</c>. Follow
/// fetches the console once per poll interval and ends when the shared poller sees the server stop or go.
/// </summary>
internal sealed class ConsoleLogs(OpenstackCloud cloud, OpenstackOptions options, ServerLifecycle lifecycle, TimeProvider time)
{
    public async IAsyncEnumerable<LogEntry> LogsAsync(NovaContainer container, LogOptions logOptions, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(logOptions);
        var servers = (await cloud.ComputeAsync(cancellationToken).ConfigureAwait(false)).Servers;
        var id = container.Id;
        var follow = logOptions.Follow && ServerStates.IsLive(await lifecycle.CurrentAsync(container, cancellationToken).ConfigureAwait(false));
        using var stopWatching = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);

        // Subscribed before the first read, so a stop that happens while reading is not missed.
        var stopped = follow
            ? cloud.Poller.WaitAsync(id, s => s is null || !ServerStates.IsLive(s), Timeout.InfiniteTimeSpan, stopWatching.Token)
            : Task.FromResult<Server?>(null);
        try
        {
            var seen = await servers.ConsoleOutputAsync(id, logOptions.Tail is > 0 ? logOptions.Tail : null, cancellationToken).ConfigureAwait(false);
            if (logOptions.Stdout && logOptions.Tail is not 0)
            {
                foreach (var line in Lines(seen))
                {
                    yield return new LogEntry(LogStream.Stdout, time.GetUtcNow(), line);
                }
            }

            while (follow)
            {
                await Task.WhenAny(stopped, Task.Delay(options.PollInterval, time, cancellationToken)).ConfigureAwait(false);
                cancellationToken.ThrowIfCancellationRequested();
                var ended = stopped.IsCompleted;
                if (ended && await stopped.ConfigureAwait(false) is null)
                {
                    yield break; // Removed: there is no console left to read.
                }

                var text = await servers.ConsoleOutputAsync(id, null, cancellationToken).ConfigureAwait(false);
                if (logOptions.Stdout)
                {
                    foreach (var line in Lines(NewPart(seen, text)))
                    {
                        yield return new LogEntry(LogStream.Stdout, time.GetUtcNow(), line);
                    }
                }

                seen = text;
                follow = !ended;
            }
        }
        finally
        {
            await stopWatching.CancelAsync().ConfigureAwait(false);
            await ((Task)stopped).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }
    }

    private static IEnumerable<string> Lines(string text)
    {
        if (text.Length == 0)
        {
            yield break;
        }

        var lines = text.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
        var count = text.EndsWith('\n') ? lines.Length - 1 : lines.Length;
        for (var i = 0; i < count; i++)
        {
            yield return lines[i] + "\n";
        }
    }

    // The console log is a ring buffer on many hypervisors: when the old text is no longer a prefix, resume after the
    // last line seen before, or show it all when that line is gone too.
    private static string NewPart(string before, string after)
    {
        if (after.StartsWith(before, StringComparison.Ordinal))
        {
            return after[before.Length..];
        }

        var lastLine = before.TrimEnd('\n').Split('\n')[^1];
        var at = lastLine.Length == 0 ? -1 : after.LastIndexOf(lastLine + "\n", StringComparison.Ordinal);
        return at < 0 ? after : after[(at + lastLine.Length + 1)..];
    }
}
