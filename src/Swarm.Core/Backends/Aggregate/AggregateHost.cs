using System.Runtime.CompilerServices;
using System.Threading.Channels;
using Swarm.Core.Beam;
using Swarm.Core.Containers;

namespace Swarm.Core.Backends.Aggregate;

/// <summary>
/// The container host an aggregate presents: instance calls fan out to the children and either answer or fail,
/// never wait on a child that has failed (libswarm's aggregate hung on <c>ps</c>); container calls go straight to
/// the child whose handle the container is.
/// </summary>
internal sealed class AggregateHost(IReadOnlyList<(string Name, ContainerHostClient Client)> children, int spawnTo)
    : IContainerHost, IContainerLifecycle, IContainerLogs, IContainerAttach, IContainerEvents, IImageCatalog, INetworkHost, IVolumeHost
{
    public string Name => AggregateBackend.BackendName;

    public async Task<IReadOnlyList<ContainerRecord>> ListAsync(CancellationToken cancellationToken)
    {
        var lists = await EachAsync((_, c) => c.ListAsync(cancellationToken)).ConfigureAwait(false);
        return [.. lists.SelectMany(l => l).OrderByDescending(r => r.Created)];
    }

    public async Task<ContainerHandle> CreateAsync(ContainerSpec spec, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(spec);
        if (spec.Name is { Length: > 0 } name && await TryResolveAsync(name, cancellationToken).ConfigureAwait(false) is { } holder)
        {
            throw BeamException.Conflict(ContainerNames.InUse(name.TrimStart('/'), holder.Id));
        }

        return new ChildContainer(spawnTo, await children[spawnTo].Client.CreateAsync(spec, cancellationToken).ConfigureAwait(false));
    }

    public async Task<ContainerHandle> ResolveAsync(string reference, CancellationToken cancellationToken) =>
        await TryResolveAsync(reference, cancellationToken).ConfigureAwait(false)
        ?? throw BeamException.NotFound($"No such container: {reference}");

    public Task<ContainerRecord> GetAsync(ContainerHandle container, CancellationToken cancellationToken) =>
        Owner(container, out var inner).GetAsync(inner, cancellationToken);

    public Task DeleteAsync(ContainerHandle container, bool force, CancellationToken cancellationToken) =>
        Owner(container, out var inner).DeleteAsync(inner, force, cancellationToken);

    public Task<bool> StartAsync(ContainerHandle container, CancellationToken cancellationToken) =>
        Owner(container, out var inner).StartAsync(inner, cancellationToken);

    public Task<bool> StopAsync(ContainerHandle container, TimeSpan? timeout, CancellationToken cancellationToken) =>
        Owner(container, out var inner).StopAsync(inner, timeout, cancellationToken);

    public Task RestartAsync(ContainerHandle container, TimeSpan? timeout, CancellationToken cancellationToken) =>
        Owner(container, out var inner).RestartAsync(inner, timeout, cancellationToken);

    public Task KillAsync(ContainerHandle container, string signal, CancellationToken cancellationToken) =>
        Owner(container, out var inner).KillAsync(inner, signal, cancellationToken);

    public Task PauseAsync(ContainerHandle container, CancellationToken cancellationToken) =>
        Owner(container, out var inner).PauseAsync(inner, cancellationToken);

    public Task UnpauseAsync(ContainerHandle container, CancellationToken cancellationToken) =>
        Owner(container, out var inner).UnpauseAsync(inner, cancellationToken);

    public async Task RenameAsync(ContainerHandle container, string newName, CancellationToken cancellationToken)
    {
        if (await TryResolveAsync(newName, cancellationToken).ConfigureAwait(false) is { } holder && holder.Id != container.Id)
        {
            throw BeamException.Conflict("Error when allocating new name: " + ContainerNames.InUse(newName.TrimStart('/'), holder.Id));
        }

        await Owner(container, out var inner).RenameAsync(inner, newName, cancellationToken).ConfigureAwait(false);
    }

    public Task<WaitResult> WaitAsync(ContainerHandle container, WaitCondition condition, CancellationToken cancellationToken) =>
        Owner(container, out var inner).WaitAsync(inner, condition, cancellationToken);

    public IAsyncEnumerable<LogEntry> LogsAsync(ContainerHandle container, LogOptions options, CancellationToken cancellationToken) =>
        Owner(container, out var inner).LogsAsync(inner, options, cancellationToken);

    public IAsyncEnumerable<LogEntry> ConnectAsync(ContainerHandle container, Stream? stdin, CancellationToken cancellationToken) =>
        Owner(container, out var inner).ConnectAsync(inner, stdin, cancellationToken);

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
        var lists = await EachAsync((_, c) => c.ListImagesAsync(cancellationToken)).ConfigureAwait(false);
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

    public async Task<IReadOnlyList<NetworkRecord>> ListNetworksAsync(CancellationToken cancellationToken)
    {
        var lists = await EachAsync(async (_, c) =>
        {
            try
            {
                return await c.ListNetworksAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (BeamException ex) when (ex.Kind == BeamErrorKind.NotImplemented)
            {
                return [];
            }
        }).ConfigureAwait(false);

        // The spawn-to child's networks first: its bridge is the one a reference to bridge finds.
        return [.. lists.Skip(spawnTo).Concat(lists.Take(spawnTo)).SelectMany(l => l).DistinctBy(n => n.Id)];
    }

    public async Task<NetworkRecord> GetNetworkAsync(string reference, CancellationToken cancellationToken) =>
        (await FindNetworkAsync(reference, cancellationToken).ConfigureAwait(false)).Network;

    public Task<NetworkRecord> CreateNetworkAsync(NetworkSpec spec, CancellationToken cancellationToken) =>
        children[spawnTo].Client.CreateNetworkAsync(spec, cancellationToken);

    public async Task DeleteNetworkAsync(string reference, CancellationToken cancellationToken)
    {
        var (child, network) = await FindNetworkAsync(reference, cancellationToken).ConfigureAwait(false);
        await child.DeleteNetworkAsync(network.Id, cancellationToken).ConfigureAwait(false);
    }

    public Task ConnectNetworkAsync(ContainerHandle container, EndpointSpec endpoint, CancellationToken cancellationToken) =>
        Owner(container, out var inner).ConnectNetworkAsync(inner, endpoint, cancellationToken);

    public Task DisconnectNetworkAsync(ContainerHandle container, string network, bool force, CancellationToken cancellationToken) =>
        Owner(container, out var inner).DisconnectNetworkAsync(inner, network, force, cancellationToken);

    public async Task<IReadOnlyList<VolumeRecord>> ListVolumesAsync(CancellationToken cancellationToken)
    {
        var lists = await EachAsync(async (_, c) =>
        {
            try
            {
                return await c.ListVolumesAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (BeamException ex) when (ex.Kind == BeamErrorKind.NotImplemented)
            {
                return [];
            }
        }).ConfigureAwait(false);
        return [.. lists.Skip(spawnTo).Concat(lists.Take(spawnTo)).SelectMany(l => l).DistinctBy(v => v.Name)];
    }

    public async Task<VolumeRecord> GetVolumeAsync(string name, CancellationToken cancellationToken) =>
        (await FindVolumeAsync(name, cancellationToken).ConfigureAwait(false)).Volume;

    // A name any child has answers that child's volume (creates are idempotent by name, as dockerd's are).
    public async Task<VolumeRecord> CreateVolumeAsync(VolumeSpec spec, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(spec);
        if (spec.Name.Length > 0)
        {
            try
            {
                var (child, _) = await FindVolumeAsync(spec.Name, cancellationToken).ConfigureAwait(false);
                return await child.CreateVolumeAsync(spec, cancellationToken).ConfigureAwait(false);
            }
            catch (BeamException ex) when (ex.Kind == BeamErrorKind.NotFound)
            {
                // Nobody has it: the spawn-to child makes it.
            }
        }

        return await children[spawnTo].Client.CreateVolumeAsync(spec, cancellationToken).ConfigureAwait(false);
    }

    public async Task DeleteVolumeAsync(string name, bool force, CancellationToken cancellationToken)
    {
        var (child, volume) = await FindVolumeAsync(name, cancellationToken).ConfigureAwait(false);
        await child.DeleteVolumeAsync(volume.Name, force, cancellationToken).ConfigureAwait(false);
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

    private ContainerHostClient Owner(ContainerHandle container, out ContainerHandle inner)
    {
        var child = container as ChildContainer
            ?? throw new ArgumentException($"container {container.Id} was not handed out by this aggregate", nameof(container));
        inner = child.Inner;
        return children[child.Child].Client;
    }

    // The spawn-to child first (creates go there, so its networks are the ones containers join), then the others in order.
    private async Task<(ContainerHostClient Child, NetworkRecord Network)> FindNetworkAsync(string reference, CancellationToken cancellationToken)
    {
        BeamException? failure = null;
        foreach (var index in Enumerable.Range(0, children.Count).OrderBy(i => i == spawnTo ? 0 : 1))
        {
            var client = children[index].Client;
            try
            {
                return (client, await client.GetNetworkAsync(reference, cancellationToken).ConfigureAwait(false));
            }
            catch (BeamException ex) when (ex.Kind is BeamErrorKind.NotFound or BeamErrorKind.NotImplemented)
            {
                failure ??= ex.Kind == BeamErrorKind.NotFound ? ex : null;
            }
        }

        throw failure ?? DockerNetworks.NotFound(reference);
    }

    // The spawn-to child first (its containers mount its volumes), then the others in order.
    private async Task<(ContainerHostClient Child, VolumeRecord Volume)> FindVolumeAsync(string name, CancellationToken cancellationToken)
    {
        foreach (var index in Enumerable.Range(0, children.Count).OrderBy(i => i == spawnTo ? 0 : 1))
        {
            var client = children[index].Client;
            try
            {
                return (client, await client.GetVolumeAsync(name, cancellationToken).ConfigureAwait(false));
            }
            catch (BeamException ex) when (ex.Kind is BeamErrorKind.NotFound or BeamErrorKind.NotImplemented)
            {
                // Try the next child.
            }
        }

        throw DockerVolumes.NotFound(name);
    }

    // Asks every child; a not-found is an answer, any other failure is thrown (naming the child).
    private async Task<ChildContainer?> TryResolveAsync(string reference, CancellationToken cancellationToken)
    {
        var found = await EachAsync(async (_, c) =>
        {
            try
            {
                return await c.ResolveAsync(reference, cancellationToken).ConfigureAwait(false);
            }
            catch (BeamException ex) when (ex.Kind == BeamErrorKind.NotFound)
            {
                return null;
            }
        }).ConfigureAwait(false);
        var matches = found.Select((h, i) => h is null ? null : new ChildContainer(i, h)).OfType<ChildContainer>().ToList();
        return matches.Count switch
        {
            0 => null,
            1 => matches[0],
            _ => throw BeamException.Invalid($"multiple containers found with provided prefix: {reference}"),
        };
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
