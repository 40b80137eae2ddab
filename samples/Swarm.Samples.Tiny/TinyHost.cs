using Swarm.Core.Beam;
using Swarm.Core.Containers;

namespace Swarm.Samples.Tiny;

/// <summary>The host of the <c>tiny</c> backend: one lock over a dictionary; waits wake on a task per change.</summary>
public sealed class TinyHost : IContainerHost, IContainerLifecycle, IImageCatalog
{
    private static readonly ImageRecord Cirros = new() { Id = "sha256:" + new string('c', 64), RepoTags = ["cirros:latest"], Cmd = ["/sbin/init"] };
    private readonly Dictionary<string, ContainerRecord> _containers = [];
    private TaskCompletionSource _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public string Name => "tiny";

    public Task<HostInfo> GetInfoAsync(CancellationToken cancellationToken) =>
        Locked(() => new HostInfo { Id = "tiny", Name = Name, Driver = Name, Containers = _containers.Count, Images = 1 });

    public Task<IReadOnlyList<ContainerRecord>> ListAsync(CancellationToken cancellationToken) =>
        Locked<IReadOnlyList<ContainerRecord>>(() => [.. _containers.Values]);

    public Task<ContainerHandle> ResolveAsync(string reference, CancellationToken cancellationToken) => Locked(() =>
    {
        var matches = _containers.Values.Where(c => c.Id == reference || c.Name == reference.TrimStart('/')).ToList();
        matches = matches.Count > 0 ? matches : [.. _containers.Values.Where(c => c.Id.StartsWith(reference, StringComparison.Ordinal))];
        return matches.Count switch
        {
            1 => new ContainerHandle(matches[0]),
            0 => throw BeamException.NotFound($"No such container: {reference}"),
            _ => throw BeamException.Invalid($"multiple containers found with provided prefix: {reference}"),
        };
    });

    public Task<ContainerRecord> GetAsync(ContainerHandle container, CancellationToken cancellationToken) => Locked(() => Find(container));

    public async Task<ContainerHandle> CreateAsync(ContainerSpec spec, CancellationToken cancellationToken)
    {
        var image = await GetImageAsync(spec.Image, cancellationToken).ConfigureAwait(false);
        var name = spec.Name is { Length: > 0 } given ? ContainerNames.Validate(given) : "tiny-" + Guid.NewGuid().ToString("N")[..8];
        var id = Guid.NewGuid().ToString("N") + Guid.NewGuid().ToString("N");
        return await Locked(() => EnsureFree(name, id)
            ? new ContainerHandle(Set(new ContainerRecord { Id = id, Name = name, Image = spec.Image, ImageId = image.Id, Created = DateTimeOffset.UtcNow, Driver = Name }))
            : null!).ConfigureAwait(false);
    }

    public Task DeleteAsync(ContainerHandle container, bool force, CancellationToken cancellationToken) => Locked(() => Find(container).State.Running && !force
        ? throw BeamException.Conflict($"You cannot remove a running container {container.Id}. Stop the container before attempting removal or force remove")
        : _containers.Remove(container.Id) && Changed());

    public Task<bool> StartAsync(ContainerHandle container, CancellationToken cancellationToken) =>
        Locked(() => !Find(container).State.Running && Move(container, ContainerStatus.Running));

    public Task<bool> StopAsync(ContainerHandle container, TimeSpan? timeout, CancellationToken cancellationToken) =>
        Locked(() => Find(container).State.Running && Move(container, ContainerStatus.Exited));

    public Task RestartAsync(ContainerHandle container, TimeSpan? timeout, CancellationToken cancellationToken) =>
        Locked(() => Move(container, ContainerStatus.Running));

    public Task KillAsync(ContainerHandle container, string signal, CancellationToken cancellationToken) =>
        Locked(() => Find(container).State.Running ? Move(container, ContainerStatus.Exited) : throw BeamException.Conflict($"cannot kill container: {container.Id}: container {container.Id} is not running"));

    public Task PauseAsync(ContainerHandle container, CancellationToken cancellationToken) =>
        Locked(() => Find(container).State.Status == ContainerStatus.Running ? Move(container, ContainerStatus.Paused) : throw BeamException.Conflict($"Container {container.Id} is not running"));

    public Task UnpauseAsync(ContainerHandle container, CancellationToken cancellationToken) =>
        Locked(() => Find(container).State.Status == ContainerStatus.Paused ? Move(container, ContainerStatus.Running) : throw BeamException.Conflict($"Container {container.Id} is not paused"));

    public Task RenameAsync(ContainerHandle container, string newName, CancellationToken cancellationToken) =>
        Locked(() => ContainerNames.Validate(newName) is var name && EnsureFree(name, container.Id) ? Set(Find(container) with { Name = name }) : null);

    public async Task<WaitResult> WaitAsync(ContainerHandle container, WaitCondition condition, CancellationToken cancellationToken)
    {
        var wasRunning = false;
        while (true)
        {
            var (current, changed) = await Locked(() => (_containers.GetValueOrDefault(container.Id), _changed.Task)).ConfigureAwait(false);
            wasRunning |= current?.State.Running == true;
            var met = condition switch
            {
                WaitCondition.Removed => current is null,
                WaitCondition.NextExit => current is null || (wasRunning && !current.State.Running),
                _ => current is null || !current.State.Running,
            };
            if (met)
            {
                return new WaitResult(current?.State.ExitCode ?? 0);
            }

            await changed.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    public Task<IReadOnlyList<ImageRecord>> ListImagesAsync(CancellationToken cancellationToken) => Task.FromResult<IReadOnlyList<ImageRecord>>([Cirros]);

    public Task<ImageRecord> GetImageAsync(string reference, CancellationToken cancellationToken) =>
        reference is "cirros" or "cirros:latest" || reference == Cirros.Id ? Task.FromResult(Cirros) : throw BeamException.NotFound($"No such image: {reference}");

    private ContainerRecord Find(ContainerHandle handle) =>
        _containers.TryGetValue(handle.Id, out var record) ? record : throw BeamException.NotFound($"No such container: {handle.Id}");

    private bool Move(ContainerHandle handle, ContainerStatus status) =>
        Set(Find(handle) with { State = new ContainerState { Status = status, StartedAt = DateTimeOffset.UtcNow } }) is not null;

    private bool EnsureFree(string name, string self) => _containers.Values.FirstOrDefault(c => c.Name == name && c.Id != self) is { } holder
        ? throw BeamException.Conflict(ContainerNames.InUse(name, holder.Id))
        : true;

    private ContainerRecord Set(ContainerRecord record)
    {
        _containers[record.Id] = record;
        Changed();
        return record;
    }

    // Wakes every wait: each takes the current task before it checks, so no change is missed.
    private bool Changed() => Interlocked.Exchange(ref _changed, new(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();

    private Task<T> Locked<T>(Func<T> work)
    {
        lock (_containers)
        {
            return Task.FromResult(work());
        }
    }
}
