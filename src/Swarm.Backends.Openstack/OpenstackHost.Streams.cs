using System.Globalization;
using System.Runtime.CompilerServices;
using Swarm.Backends.Openstack.Compute.V2;
using Swarm.Backends.Openstack.Host;
using Swarm.Core.Beam;
using Swarm.Core.Containers;

namespace Swarm.Backends.Openstack;

/// <summary>Logs (console output), waits, events (changes-since polling) and the verbs Nova cannot do.</summary>
public sealed partial class OpenstackHost
{
    private static readonly TimeSpan ChangesOverlap = TimeSpan.FromSeconds(5);

    /// <inheritdoc />
    /// <remarks>
    /// The console log has no timestamps: each line is stamped when it was read, and Since/Until are ignored.
    /// Tail maps to os-getConsoleOutput's length; Follow polls the console until the server stops.
    /// </remarks>
    public async IAsyncEnumerable<LogEntry> LogsAsync(string id, LogOptions options, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        var server = await FindServerAsync(id, cancellationToken).ConfigureAwait(false);
        var compute = await _cloud.ComputeAsync(cancellationToken).ConfigureAwait(false);
        var seen = await compute.ConsoleOutputAsync(server.Id, options.Tail is > 0 ? options.Tail : null, cancellationToken).ConfigureAwait(false);
        if (options.Stdout && options.Tail is not 0)
        {
            foreach (var line in Lines(seen))
            {
                yield return new LogEntry(LogStream.Stdout, _time.GetUtcNow(), line);
            }
        }

        while (options.Follow)
        {
            await Task.Delay(_options.PollInterval, _time, cancellationToken).ConfigureAwait(false);
            var current = await compute.GetServerAsync(server.Id, cancellationToken).ConfigureAwait(false);
            var live = current is not null && IsLive(current);
            if (current is null)
            {
                yield break;
            }

            var text = await compute.ConsoleOutputAsync(server.Id, null, cancellationToken).ConfigureAwait(false);
            if (options.Stdout)
            {
                foreach (var line in Lines(NewPart(seen, text)))
                {
                    yield return new LogEntry(LogStream.Stdout, _time.GetUtcNow(), line);
                }
            }

            seen = text;
            if (!live)
            {
                yield break;
            }
        }
    }

    /// <inheritdoc />
    public IAsyncEnumerable<LogEntry> ConnectAsync(string id, Stream? stdin, CancellationToken cancellationToken) =>
        throw BeamException.NotImplemented(
            "openstack: attach is not possible: a Nova server has no console stream to attach to; use logs -f (the console log) instead");

    /// <inheritdoc />
    public async Task<WaitResult> WaitAsync(string id, WaitCondition condition, CancellationToken cancellationToken)
    {
        var server = await FindServerAsync(id, cancellationToken).ConfigureAwait(false);
        var compute = await _cloud.ComputeAsync(cancellationToken).ConfigureAwait(false);
        var sawLive = false;
        for (Server? current = server; ; current = await compute.GetServerAsync(server.Id, cancellationToken).ConfigureAwait(false))
        {
            var gone = current is null || IsGone(current);
            var live = !gone && IsLive(current!);
            sawLive |= live;
            var state = gone ? null : ServerStates.State(current!);
            var met = condition switch
            {
                WaitCondition.Removed => gone,
                WaitCondition.NextExit => gone || (sawLive && !live),
                _ => !live,
            };
            if (met)
            {
                return new WaitResult(state?.ExitCode ?? 0, state is { Error.Length: > 0 } ? state.Error : null);
            }

            await Task.Delay(_options.PollInterval, _time, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <inheritdoc />
    /// <remarks>
    /// Polls <c>GET /servers/detail?changes-since=</c> and turns differences into Docker actions. History
    /// before the call is not kept by Nova: with Since, servers created since then are replayed as create.
    /// </remarks>
    public async IAsyncEnumerable<ContainerEvent> WatchAsync(WatchOptions options, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        var compute = await _cloud.ComputeAsync(cancellationToken).ConfigureAwait(false);
        var polledAt = _time.GetUtcNow();
        var seen = new Dictionary<string, ServerEvents.Seen>(StringComparer.Ordinal);
        foreach (var server in (await compute.ListServersAsync(null, cancellationToken).ConfigureAwait(false)).Where(Visible).OrderBy(s => s.Created))
        {
            var now = ServerEvents.Observe(server, ImageOf(server));
            seen[server.Id] = now;
            if (options.Since is { } since && server.Created >= since && (options.Until is null || server.Created <= options.Until))
            {
                foreach (var e in ServerEvents.Between(null, now, false, server.Created))
                {
                    yield return e;
                }
            }
        }

        while (options.Until is not { } until || _time.GetUtcNow() < until)
        {
            await Task.Delay(_options.PollInterval, _time, cancellationToken).ConfigureAwait(false);
            var filters = new Dictionary<string, string>
            {
                ["changes-since"] = (polledAt - ChangesOverlap).UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture),
            };
            var pollStarted = _time.GetUtcNow();
            IReadOnlyList<Server> changed;
            try
            {
                changed = await compute.ListServersAsync(filters, cancellationToken).ConfigureAwait(false);
            }
            catch (BeamException ex) when (ex.Kind == BeamErrorKind.Unavailable)
            {
                Log.WatchPollFailed(_logger, ex.Message);
                continue;
            }

            polledAt = pollStarted;
            foreach (var server in changed.OrderBy(s => s.Updated ?? s.Created))
            {
                var known = seen.GetValueOrDefault(server.Id);
                if (known is null && !Visible(server))
                {
                    continue;
                }

                var deleted = IsGone(server);
                var now = ServerEvents.Observe(server, known?.Image ?? ImageOf(server));
                foreach (var e in ServerEvents.Between(known, now, deleted, pollStarted))
                {
                    yield return e;
                }

                if (deleted)
                {
                    seen.Remove(server.Id);
                }
                else
                {
                    seen[server.Id] = now;
                }
            }
        }
    }

    private string ImageOf(Server server) =>
        (server.Metadata is { } meta ? ServerMetadata.Image(meta) : null) ?? ImageName(server.ImageId) ?? server.ImageId;

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

    // The console log is a ring buffer on many hypervisors: when the old text is no longer a prefix, resume
    // after the last line seen before, or show it all when that line is gone too.
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
