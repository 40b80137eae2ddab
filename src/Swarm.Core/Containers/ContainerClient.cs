using System.Globalization;
using System.Runtime.CompilerServices;
using Swarm.Core.Beam;

namespace Swarm.Core.Containers;

/// <summary>Typed calls to one container, through the handle that Spawn or Attach handed over.</summary>
public sealed class ContainerClient : BeamClient
{
    /// <summary>Wraps a container handle.</summary>
    public ContainerClient(IBeamSender handle, string id)
        : base(handle) => Id = id;

    /// <summary>The container's id.</summary>
    public string Id { get; }

    /// <summary>Describes the container.</summary>
    public async Task<ContainerRecord> GetAsync(CancellationToken cancellationToken = default)
    {
        var reply = await CallAsync(Verb.Get, [], cancellationToken).ConfigureAwait(false);
        return reply.Payload as ContainerRecord ?? BeamJson.Read<ContainerRecord>(reply.Arg(0));
    }

    /// <summary>Starts it; false when it was already running.</summary>
    public async Task<bool> StartAsync(CancellationToken cancellationToken = default) =>
        Changed(await CallAsync(Verb.Start, [], cancellationToken).ConfigureAwait(false));

    /// <summary>Stops it; false when it was already stopped.</summary>
    public async Task<bool> StopAsync(TimeSpan? timeout = null, CancellationToken cancellationToken = default) =>
        Changed(await CallAsync(Verb.Stop, [BeamWire.Seconds(timeout)], cancellationToken).ConfigureAwait(false));

    /// <summary>Restarts it.</summary>
    public Task RestartAsync(TimeSpan? timeout = null, CancellationToken cancellationToken = default) =>
        CallAsync(Verb.Restart, [BeamWire.Seconds(timeout)], cancellationToken);

    /// <summary>Sends it a signal.</summary>
    public Task KillAsync(string signal = "SIGKILL", CancellationToken cancellationToken = default) =>
        CallAsync(Verb.Kill, [signal], cancellationToken);

    /// <summary>Pauses it.</summary>
    public Task PauseAsync(CancellationToken cancellationToken = default) => CallAsync(Verb.Pause, [], cancellationToken);

    /// <summary>Unpauses it.</summary>
    public Task UnpauseAsync(CancellationToken cancellationToken = default) => CallAsync(Verb.Unpause, [], cancellationToken);

    /// <summary>Renames it.</summary>
    public Task RenameAsync(string newName, CancellationToken cancellationToken = default) =>
        CallAsync(Verb.Rename, [newName], cancellationToken);

    /// <summary>Removes it; a running container needs <paramref name="force"/>.</summary>
    public Task DeleteAsync(bool force = false, CancellationToken cancellationToken = default) =>
        CallAsync(Verb.Delete, [force ? "force" : ""], cancellationToken);

    /// <summary>Waits for a condition; returns the exit code.</summary>
    public async Task<WaitResult> WaitAsync(WaitCondition condition = WaitCondition.NotRunning, CancellationToken cancellationToken = default)
    {
        var reply = await CallAsync(Verb.Wait, [BeamWire.Condition(condition)], cancellationToken).ConfigureAwait(false);
        var code = int.TryParse(reply.Arg(0), NumberStyles.Integer, CultureInfo.InvariantCulture, out var c) ? c : 0;
        return new WaitResult(code, reply.Arg(1) is { Length: > 0 } error ? error : null);
    }

    /// <summary>Streams its logs.</summary>
    public IAsyncEnumerable<LogEntry> LogsAsync(LogOptions options, CancellationToken cancellationToken = default) =>
        Entries(StreamAsync(Verb.Logs, [BeamJson.Write(options)], cancellationToken), cancellationToken);

    /// <summary>Streams its live output, feeding it <paramref name="stdin"/> if given.</summary>
    public IAsyncEnumerable<LogEntry> ConnectAsync(Stream? stdin = null, CancellationToken cancellationToken = default) =>
        Entries(StreamAsync(Verb.Connect, [], cancellationToken, stdin), cancellationToken);

    private static bool Changed(Message reply) => !string.Equals(reply.Arg(0), BeamWire.NotModified, StringComparison.Ordinal);

    private static async IAsyncEnumerable<LogEntry> Entries(IAsyncEnumerable<Message> replies, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var reply in replies.WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            if (reply.Verb == Verb.Log)
            {
                yield return new LogEntry(BeamWire.ParseStream(reply.Arg(0)), BeamWire.ParseTime(reply.Arg(1)) ?? default, reply.Arg(2) ?? "");
            }
        }
    }
}
