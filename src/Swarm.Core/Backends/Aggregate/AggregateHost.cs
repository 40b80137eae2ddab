using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using System.Threading.Channels;
using Swarm.Core.Beam;
using Swarm.Core.Containers;

namespace Swarm.Core.Backends.Aggregate;

/// <summary>
/// The container host an aggregate presents: every call fans out to the children that can answer it and
/// either answers or fails, never waits on a child that has failed (libswarm's aggregate hung on <c>ps</c>).
/// </summary>
internal sealed class AggregateHost(IReadOnlyList<(string Name, ContainerHostClient Client)> children, int spawnTo) : IContainerHost
{
    // Handles by container id, so container verbs go straight to the child that owns the container.
    private readonly ConcurrentDictionary<string, ContainerClient> _handles = new(StringComparer.Ordinal);

    public string Name => AggregateBackend.BackendName;

    public async Task<IReadOnlyList<ContainerRecord>> ListAsync(CancellationToken cancellationToken)
    {
        var lists = await EachAsync((_, c) => c.LsAsync(cancellationToken)).ConfigureAwait(false);
        return [.. lists.SelectMany(l => l).OrderByDescending(r => r.Created)];
    }

    public async Task<ContainerRecord> CreateAsync(ContainerSpec spec, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(spec);
        if (spec.Name is { Length: > 0 } name && await TryResolveAsync(name, cancellationToken).ConfigureAwait(false) is { } holder)
        {
            throw BeamException.Conflict($"Conflict. The container name \"/{name.TrimStart('/')}\" is already in use by container \"{holder.Id}\". You have to remove (or rename) that container to be able to reuse that name.");
        }

        var handle = await children[spawnTo].Client.SpawnAsync(spec, cancellationToken).ConfigureAwait(false);
        _handles[handle.Id] = handle;
        return await handle.GetAsync(cancellationToken).ConfigureAwait(false);
    }

    public async Task<string> ResolveAsync(string reference, CancellationToken cancellationToken) =>
        (await TryResolveAsync(reference, cancellationToken).ConfigureAwait(false))?.Id
        ?? throw BeamException.NotFound($"No such container: {reference}");

    public async Task<ContainerRecord> GetAsync(string id, CancellationToken cancellationToken) =>
        await (await HandleAsync(id, cancellationToken).ConfigureAwait(false)).GetAsync(cancellationToken).ConfigureAwait(false);

    public async Task<bool> StartAsync(string id, CancellationToken cancellationToken) =>
        await (await HandleAsync(id, cancellationToken).ConfigureAwait(false)).StartAsync(cancellationToken).ConfigureAwait(false);

    public async Task<bool> StopAsync(string id, TimeSpan? timeout, CancellationToken cancellationToken) =>
        await (await HandleAsync(id, cancellationToken).ConfigureAwait(false)).StopAsync(timeout, cancellationToken).ConfigureAwait(false);

    public async Task RestartAsync(string id, TimeSpan? timeout, CancellationToken cancellationToken) =>
        await (await HandleAsync(id, cancellationToken).ConfigureAwait(false)).RestartAsync(timeout, cancellationToken).ConfigureAwait(false);

    public async Task KillAsync(string id, string signal, CancellationToken cancellationToken) =>
        await (await HandleAsync(id, cancellationToken).ConfigureAwait(false)).KillAsync(signal, cancellationToken).ConfigureAwait(false);

    public async Task PauseAsync(string id, CancellationToken cancellationToken) =>
        await (await HandleAsync(id, cancellationToken).ConfigureAwait(false)).PauseAsync(cancellationToken).ConfigureAwait(false);

    public async Task UnpauseAsync(string id, CancellationToken cancellationToken) =>
        await (await HandleAsync(id, cancellationToken).ConfigureAwait(false)).UnpauseAsync(cancellationToken).ConfigureAwait(false);

    public async Task RenameAsync(string id, string newName, CancellationToken cancellationToken)
    {
        if (await TryResolveAsync(newName, cancellationToken).ConfigureAwait(false) is { } holder && holder.Id != id)
        {
            throw BeamException.Conflict($"Error when allocating new name: Conflict. The container name \"/{newName.TrimStart('/')}\" is already in use by container \"{holder.Id}\". You have to remove (or rename) that container to be able to reuse that name.");
        }

        await (await HandleAsync(id, cancellationToken).ConfigureAwait(false)).RenameAsync(newName, cancellationToken).ConfigureAwait(false);
    }

    public async Task DeleteAsync(string id, bool force, CancellationToken cancellationToken)
    {
        await (await HandleAsync(id, cancellationToken).ConfigureAwait(false)).DeleteAsync(force, cancellationToken).ConfigureAwait(false);
        _handles.TryRemove(id, out _);
    }

    public async IAsyncEnumerable<LogEntry> LogsAsync(string id, LogOptions options, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var handle = await HandleAsync(id, cancellationToken).ConfigureAwait(false);
        await foreach (var entry in handle.LogsAsync(options, cancellationToken).ConfigureAwait(false))
        {
            yield return entry;
        }
    }

    public async IAsyncEnumerable<LogEntry> ConnectAsync(string id, Stream? stdin, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var handle = await HandleAsync(id, cancellationToken).ConfigureAwait(false);
        await foreach (var entry in handle.ConnectAsync(stdin, cancellationToken).ConfigureAwait(false))
        {
            yield return entry;
        }
    }

    public async Task<WaitResult> WaitAsync(string id, WaitCondition condition, CancellationToken cancellationToken) =>
        await (await HandleAsync(id, cancellationToken).ConfigureAwait(false)).WaitAsync(condition, cancellationToken).ConfigureAwait(false);

    public async IAsyncEnumerable<ContainerEvent> WatchAsync(WatchOptions options, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        // Merge the children's streams; the first failure ends the merged stream with that error.
        var merged = Channel.CreateUnbounded<ContainerEvent>(new UnboundedChannelOptions { SingleReader = true });
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var pumps = children.Select(async child =>
        {
            await foreach (var e in child.Client.WatchAsync(options, stop.Token).ConfigureAwait(false))
            {
                await merged.Writer.WriteAsync(e, stop.Token).ConfigureAwait(false);
            }
        }).ToList();
        _ = Task.WhenAll(pumps).ContinueWith(
            t => merged.Writer.TryComplete(t.Exception?.InnerException),
            CancellationToken.None,
            TaskContinuationOptions.ExecuteSynchronously,
            TaskScheduler.Default);
        try
        {
            await foreach (var e in merged.Reader.ReadAllAsync(cancellationToken).ConfigureAwait(false))
            {
                yield return e;
            }
        }
        finally
        {
            await stop.CancelAsync().ConfigureAwait(false);
        }
    }

    public async Task<IReadOnlyList<ImageRecord>> ListImagesAsync(CancellationToken cancellationToken)
    {
        var lists = await EachAsync((_, c) => c.ImagesAsync(cancellationToken)).ConfigureAwait(false);
        return [.. lists.SelectMany(l => l).DistinctBy(i => i.Id)];
    }

    public async Task<ImageRecord> GetImageAsync(string reference, CancellationToken cancellationToken)
    {
        BeamException? failure = null;
        foreach (var (_, client) in children)
        {
            try
            {
                return await client.GetImageAsync(reference, cancellationToken).ConfigureAwait(false);
            }
            catch (BeamException ex) when (ex.Kind == BeamErrorKind.NotFound)
            {
                failure ??= ex;
            }
        }

        throw failure ?? BeamException.NotFound($"No such image: {reference}");
    }

    public async Task<HostInfo> GetInfoAsync(CancellationToken cancellationToken)
    {
        var infos = await EachAsync((_, c) => c.GetInfoAsync(cancellationToken)).ConfigureAwait(false);
        return new HostInfo
        {
            Id = string.Join(",", infos.Select(i => i.Id)),
            Name = Name,
            Driver = Name,
            Containers = infos.Sum(i => i.Containers),
            ContainersRunning = infos.Sum(i => i.ContainersRunning),
            ContainersPaused = infos.Sum(i => i.ContainersPaused),
            ContainersStopped = infos.Sum(i => i.ContainersStopped),
            Images = infos.Sum(i => i.Images),
            Cpus = infos.Sum(i => i.Cpus),
            MemoryBytes = infos.Sum(i => i.MemoryBytes),
            OperatingSystem = $"aggregate of {children.Count} backends",
            Status = [.. children.Select((c, i) => new KeyValuePair<string, string>($"Child {i}", c.Name)), .. infos.SelectMany(i => i.Status)],
        };
    }

    private async Task<ContainerClient> HandleAsync(string id, CancellationToken cancellationToken)
    {
        if (_handles.TryGetValue(id, out var handle))
        {
            return handle;
        }

        return await TryResolveAsync(id, cancellationToken).ConfigureAwait(false)
            ?? throw BeamException.NotFound($"No such container: {id}");
    }

    // Asks every child; a not-found is an answer, any other failure is thrown (naming the child).
    private async Task<ContainerClient?> TryResolveAsync(string reference, CancellationToken cancellationToken)
    {
        var found = await EachAsync(async (_, c) =>
        {
            try
            {
                return await c.AttachAsync(reference, cancellationToken).ConfigureAwait(false);
            }
            catch (BeamException ex) when (ex.Kind == BeamErrorKind.NotFound)
            {
                return null;
            }
        }).ConfigureAwait(false);
        var matches = found.Where(h => h is not null).ToList();
        if (matches.Count > 1)
        {
            throw BeamException.Invalid($"multiple containers found with provided prefix: {reference}");
        }

        if (matches is [{ } match])
        {
            _handles[match.Id] = match;
            return match;
        }

        return null;
    }

    private async Task<T[]> EachAsync<T>(Func<string, ContainerHostClient, Task<T>> call)
    {
        var tasks = children.Select(async child =>
        {
            try
            {
                return await call(child.Name, child.Client).ConfigureAwait(false);
            }
            catch (BeamException ex) when (ex.Kind != BeamErrorKind.NotFound && ex.Kind != BeamErrorKind.Invalid && ex.Kind != BeamErrorKind.Conflict)
            {
                throw new BeamException(ex.Kind, $"aggregate child '{child.Name}': {ex.Message}", ex);
            }
        }).ToList();
        return await Task.WhenAll(tasks).ConfigureAwait(false);
    }
}
