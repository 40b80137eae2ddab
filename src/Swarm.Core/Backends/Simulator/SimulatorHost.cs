using System.Runtime.CompilerServices;
using System.Security.Cryptography;
using Swarm.Core.Beam;
using Swarm.Core.Containers;

namespace Swarm.Core.Backends.Simulator;

/// <summary>
/// An in-memory container host with Docker's semantics: names unique, start/stop idempotent, 409s where
/// dockerd gives them, programs that write output and exit (see <see cref="SimProgram"/>), logs, waits and
/// events. One lock guards all state; waits take a <see cref="Pulse"/> under it, so no change is missed.
/// </summary>
public sealed partial class SimulatorHost : IContainerHost, IContainerLifecycle, IContainerLogs, IContainerAttach, IContainerEvents, IImageCatalog, INetworkHost
{
    private const int JournalLimit = 10_000;

    private readonly object _gate = new();
    private readonly Dictionary<string, SimContainer> _containers = new(StringComparer.Ordinal);
    private readonly List<ContainerEvent> _journal = [];
    private readonly Pulse _journalChanged = new();
    private readonly SimImages _images;
    private readonly SimulatorOptions _options;
    private readonly TimeProvider _time;
    // On first use, not at start-up: RandomNumberGenerator loads OpenSSL (docs/benchmarks.md).
    private readonly Lazy<string> _hostId = new(() => Convert.ToHexString(RandomNumberGenerator.GetBytes(16)));
    private long _journalBase;

    // The last listing, newest first, and the containers it was made from: answered again while none of them changed
    // (each record is still its container's Snapshot) and none was created or removed (those drop it).
    private Task<IReadOnlyList<ContainerRecord>>? _listing;
    private SimContainer[] _listed = [];

    /// <summary>Creates an empty host.</summary>
    public SimulatorHost(SimulatorOptions options, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options;
        _time = time ?? TimeProvider.System;
        _images = new SimImages(options.ExtraImages, new DateTimeOffset(2024, 1, 1, 0, 0, 0, TimeSpan.Zero));
        AddPredefinedNetworks();
    }

    /// <inheritdoc />
    public string Name => _options.Name;

    /// <inheritdoc />
    public Task<IReadOnlyList<ContainerRecord>> ListAsync(CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            if (_listing is { } listing && IsCurrent(listing.Result))
            {
                return listing;
            }

            _listed = [.. _containers.Values.OrderByDescending(c => c.Created)];
            return _listing = Task.FromResult<IReadOnlyList<ContainerRecord>>(Array.AsReadOnly(Array.ConvertAll(_listed, RecordOf)));
        }
    }

    /// <inheritdoc />
    public Task<ContainerHandle> CreateAsync(ContainerSpec spec, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(spec);
        var image = _images.Resolve(spec.Image);
        var name = spec.Name is { Length: > 0 } given ? ContainerNames.Validate(given) : null;
        _ = DockerPorts.Published(spec);
        lock (_gate)
        {
            if (name is not null && FindByName(name) is { } holder)
            {
                throw BeamException.Conflict(ContainerNames.InUse(name, holder.Id));
            }

            name ??= SimNames.Next(n => FindByName(n) is not null);
            var id = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32));
            var container = new SimContainer(id, spec with { Name = name }, image, _time.GetUtcNow());
            var volumes = PlanMounts(spec);
            JoinAtCreate(container, spec);
            container.Mounts = MountAtCreate(spec, volumes);
            _containers.Add(id, container);
            _listing = null;
            Record(container, "create");
            return Task.FromResult(new ContainerHandle(RecordOf(container)));
        }
    }

    /// <inheritdoc />
    public Task<ContainerHandle> ResolveAsync(string reference, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(reference);
        lock (_gate)
        {
            var found = _containers.TryGetValue(reference, out var exact) ? exact : FindByName(reference.TrimStart('/'));
            if (found is null)
            {
                var matches = _containers.Values.Where(c => c.Id.StartsWith(reference, StringComparison.Ordinal)).Take(2).ToList();
                found = matches.Count switch
                {
                    1 => matches[0],
                    0 => throw BeamException.NotFound($"No such container: {reference}"),
                    _ => throw BeamException.Invalid($"multiple containers found with provided prefix: {reference}"),
                };
            }

            return Task.FromResult(new ContainerHandle(RecordOf(found)));
        }
    }

    /// <inheritdoc />
    public Task<ContainerRecord> GetAsync(ContainerHandle container, CancellationToken cancellationToken)
    {
        var id = container.Id;
        lock (_gate)
        {
            return Task.FromResult(RecordOf(Find(id)));
        }
    }

    /// <inheritdoc />
    public Task<bool> StartAsync(ContainerHandle container, CancellationToken cancellationToken)
    {
        var id = container.Id;
        lock (_gate)
        {
            var c = Find(id);
            if (c.Status is ContainerStatus.Running or ContainerStatus.Restarting)
            {
                return Task.FromResult(false);
            }

            if (c.Status == ContainerStatus.Paused)
            {
                throw BeamException.Conflict($"cannot start a paused container, try unpause instead");
            }

            Launch(c);
            return Task.FromResult(true);
        }
    }

    /// <inheritdoc />
    public async Task<bool> StopAsync(ContainerHandle container, TimeSpan? timeout, CancellationToken cancellationToken)
    {
        var id = container.Id;
        Task? ended;
        lock (_gate)
        {
            var c = Find(id);
            if (!IsLive(c))
            {
                return false;
            }

            Record(c, "kill", ("signal", "15"));
            ended = Terminate(c, 143);
        }

        await ended.WaitAsync(cancellationToken).ConfigureAwait(false);
        lock (_gate)
        {
            if (_containers.TryGetValue(id, out var c))
            {
                Record(c, "stop");
            }
        }

        return true;
    }

    /// <inheritdoc />
    public async Task RestartAsync(ContainerHandle container, TimeSpan? timeout, CancellationToken cancellationToken)
    {
        var id = container.Id;
        await StopAsync(container, timeout, cancellationToken).ConfigureAwait(false);
        lock (_gate)
        {
            var c = Find(id);
            c.RestartCount++;
            if (!IsLive(c))
            {
                Launch(c);
            }

            Record(c, "restart");
        }
    }

    /// <inheritdoc />
    public async Task KillAsync(ContainerHandle container, string signal, CancellationToken cancellationToken)
    {
        var id = container.Id;
        var number = SimSignals.Parse(signal);
        Task ended;
        lock (_gate)
        {
            var c = Find(id);
            if (!IsLive(c))
            {
                throw BeamException.Conflict($"cannot kill container: {id}: container {id} is not running");
            }

            Record(c, "kill", ("signal", number.ToString(System.Globalization.CultureInfo.InvariantCulture)));
            if (!SimSignals.Terminates(number))
            {
                return;
            }

            ended = Terminate(c, 128 + number);
        }

        await ended.WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public Task PauseAsync(ContainerHandle container, CancellationToken cancellationToken)
    {
        var id = container.Id;
        lock (_gate)
        {
            var c = Find(id);
            if (c.Status == ContainerStatus.Paused)
            {
                throw BeamException.Conflict($"Container {id} is already paused");
            }

            if (c.Status != ContainerStatus.Running)
            {
                throw BeamException.Conflict($"Container {id} is not running");
            }

            c.Status = ContainerStatus.Paused;
            Record(c, "pause");
        }

        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task UnpauseAsync(ContainerHandle container, CancellationToken cancellationToken)
    {
        var id = container.Id;
        lock (_gate)
        {
            var c = Find(id);
            if (c.Status != ContainerStatus.Paused)
            {
                throw BeamException.Conflict($"Container {id} is not paused");
            }

            c.Status = ContainerStatus.Running;
            Record(c, "unpause");
        }

        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task RenameAsync(ContainerHandle container, string newName, CancellationToken cancellationToken)
    {
        var id = container.Id;
        var name = ContainerNames.Validate(newName);
        lock (_gate)
        {
            var c = Find(id);
            if (c.Name == name)
            {
                throw BeamException.Invalid("Renaming a container with the same name as its current name");
            }

            if (FindByName(name) is { } holder)
            {
                throw BeamException.Conflict("Error when allocating new name: " + ContainerNames.InUse(name, holder.Id));
            }

            var old = c.Name;
            c.Name = name;
            Record(c, "rename", ("oldName", "/" + old));
        }

        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public async Task DeleteAsync(ContainerHandle container, bool force, CancellationToken cancellationToken)
    {
        var id = container.Id;
        Task ended = Task.CompletedTask;
        lock (_gate)
        {
            var c = Find(id);
            if (IsLive(c) && !force)
            {
                throw BeamException.Conflict(c.Status == ContainerStatus.Paused
                    ? $"You cannot remove a paused container {id}. Unpause and then stop the container before attempting removal or force remove"
                    : $"You cannot remove a running container {id}. Stop the container before attempting removal or force remove");
            }

            if (IsLive(c))
            {
                Record(c, "kill", ("signal", "9"));
                ended = Terminate(c, 137);
            }
        }

        await ended.WaitAsync(cancellationToken).ConfigureAwait(false);
        lock (_gate)
        {
            if (_containers.TryGetValue(id, out var c))
            {
                Remove(c);
            }
        }
    }

    /// <inheritdoc />
    public async IAsyncEnumerable<LogEntry> LogsAsync(ContainerHandle container, LogOptions options, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var id = container.Id;
        ArgumentNullException.ThrowIfNull(options);
        SimContainer c;
        List<LogEntry> backlog;
        long index;
        lock (_gate)
        {
            c = Find(id);
            backlog = [.. c.Output.From(0).Where(e => Wanted(e, options))];
            index = c.Output.End;
        }

        foreach (var entry in options.Tail is { } tail ? backlog.Skip(Math.Max(0, backlog.Count - tail)) : backlog)
        {
            yield return entry;
        }

        if (!options.Follow)
        {
            yield break;
        }

        await foreach (var entry in FollowAsync(c, index, e => Wanted(e, options), c => !IsLive(c) || c.Removed, cancellationToken).ConfigureAwait(false))
        {
            yield return entry;
        }
    }

    /// <inheritdoc />
    public IAsyncEnumerable<LogEntry> ConnectAsync(ContainerHandle container, Stream? stdin, CancellationToken cancellationToken)
    {
        var id = container.Id;
        SimContainer c;
        long index;
        int runs;
        bool wasLive;
        lock (_gate)
        {
            c = Find(id);
            index = c.Output.End;
            runs = c.Runs;
            wasLive = IsLive(c);
            c.Stdin = stdin ?? c.Stdin;
        }

        // Attached before start (as docker run does), it streams the run that follows; attached to a running
        // container, the rest of the current run.
        return FollowAsync(c, index, _ => true, c => c.Removed || (!IsLive(c) && (wasLive || c.Runs > runs)), cancellationToken);
    }

    /// <inheritdoc />
    public async Task<WaitResult> WaitAsync(ContainerHandle container, WaitCondition condition, CancellationToken cancellationToken)
    {
        var id = container.Id;
        SimContainer c;
        int exits;
        lock (_gate)
        {
            c = Find(id);
            exits = c.Exits;
        }

        while (true)
        {
            Task changed;
            lock (_gate)
            {
                var met = condition switch
                {
                    WaitCondition.Removed => c.Removed,
                    WaitCondition.NextExit => c.Exits > exits,
                    _ => !IsLive(c),
                };
                if (met)
                {
                    return new WaitResult(c.ExitCode);
                }

                changed = c.Changed.Next;
            }

            await changed.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    /// <inheritdoc />
    public async IAsyncEnumerable<ContainerEvent> WatchAsync(WatchOptions options, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        long next;
        lock (_gate)
        {
            // Without since, only what happens from now on (as dockerd does).
            var first = options.Since is { } since ? _journal.FindIndex(e => e.Time >= since) : -1;
            next = _journalBase + (first >= 0 ? first : _journal.Count);
        }

        using var untilReached = new CancellationTokenSource();
        using var untilTimer = options.Until is { } until ? CancelAt(untilReached, until) : null;

        while (true)
        {
            List<ContainerEvent> fresh;
            Task changed;
            lock (_gate)
            {
                var start = (int)Math.Max(0, next - _journalBase);
                fresh = [.. _journal.Skip(start).TakeWhile(e => options.Until is not { } u || e.Time < u)];
                next = _journalBase + start + fresh.Count;
                changed = _journalChanged.Next;
            }

            foreach (var e in fresh)
            {
                yield return e;
            }

            if (untilReached.IsCancellationRequested)
            {
                yield break;
            }

            try
            {
                await changed.WaitAsync(untilReached.Token).WaitAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (untilReached.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
            {
                // Until has come: one last pass picks up anything recorded just before it.
            }
        }
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<ImageRecord>> ListImagesAsync(CancellationToken cancellationToken) => Task.FromResult(_images.All);

    /// <inheritdoc />
    public Task<ImageRecord> GetImageAsync(string reference, CancellationToken cancellationToken) =>
        Task.FromResult(_images.Resolve(reference));

    /// <inheritdoc />
    public Task<HostInfo> GetInfoAsync(CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            var all = _containers.Values;
            return Task.FromResult(new HostInfo
            {
                Id = _hostId.Value,
                Name = Name,
                Driver = SimulatorBackend.BackendName,
                Containers = all.Count,
                ContainersRunning = all.Count(c => c.Status is ContainerStatus.Running or ContainerStatus.Restarting),
                ContainersPaused = all.Count(c => c.Status == ContainerStatus.Paused),
                ContainersStopped = all.Count(c => c.Status is ContainerStatus.Exited or ContainerStatus.Created or ContainerStatus.Dead),
                Images = _images.All.Count,
                Cpus = Environment.ProcessorCount,
                MemoryBytes = GC.GetGCMemoryInfo().TotalAvailableMemoryBytes,
                OperatingSystem = "swarmd simulator (in-memory)",
                Status = [new("Backend", "simulator: containers live in swarmd's memory and vanish when it stops")],
            });
        }
    }

    // Streams output written from index on, until done says the container's stream has ended.
    private async IAsyncEnumerable<LogEntry> FollowAsync(
        SimContainer c,
        long index,
        Func<LogEntry, bool> wanted,
        Func<SimContainer, bool> done,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        while (true)
        {
            List<LogEntry> fresh;
            Task changed;
            bool ended;
            lock (_gate)
            {
                fresh = [.. c.Output.From(index).Where(wanted)];
                index = c.Output.End;
                ended = done(c);
                changed = c.Changed.Next;
            }

            foreach (var entry in fresh)
            {
                yield return entry;
            }

            if (ended)
            {
                yield break;
            }

            await changed.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    // Cancels source once the clock reaches at. One timer waits at most about 49 days, so an until further off (up
    // to year 9999, which clients may send) re-arms it until the time has come.
    private ITimer CancelAt(CancellationTokenSource source, DateTimeOffset at)
    {
        var longest = TimeSpan.FromDays(24);
        ITimer? timer = null;
        void Check()
        {
            var left = at - _time.GetUtcNow();
            try
            {
                if (left > TimeSpan.Zero)
                {
                    timer!.Change(left < longest ? left : longest, Timeout.InfiniteTimeSpan);
                }
                else
                {
                    source.Cancel();
                }
            }
            catch (ObjectDisposedException)
            {
                // The watch has ended already.
            }
        }

        // Created unarmed, so the callback never runs before timer is set.
        timer = _time.CreateTimer(_ => Check(), null, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        Check();
        return timer;
    }

    private static bool IsLive(SimContainer c) =>
        c.Status is ContainerStatus.Running or ContainerStatus.Paused or ContainerStatus.Restarting;

    private static bool Wanted(LogEntry e, LogOptions o) =>
        (e.Stream == LogStream.Stderr ? o.Stderr : o.Stdout)
        && (o.Since is not { } since || e.Timestamp >= since)
        && (o.Until is not { } until || e.Timestamp < until);

    // Under the lock: true while every container listed still has the record it was listed with.
    private bool IsCurrent(IReadOnlyList<ContainerRecord> listing)
    {
        for (var i = 0; i < _listed.Length; i++)
        {
            if (!ReferenceEquals(_listed[i].Snapshot, listing[i]))
            {
                return false;
            }
        }

        return true;
    }

    private SimContainer Find(string id) =>
        _containers.TryGetValue(id, out var c) ? c : throw BeamException.NotFound($"No such container: {id}");

    private SimContainer? FindByName(string name) => _containers.Values.FirstOrDefault(c => c.Name == name);

    // Under the lock: marks the container running and starts its program in the background.
    private void Launch(SimContainer c)
    {
        c.Allocated = AllocatePorts(c);
        c.Status = ContainerStatus.Running;
        c.StartedAt = _time.GetUtcNow();
        c.ExitCode = 0;
        c.Runs++;
        var program = new CancellationTokenSource();
        c.Program = program;
        Record(c, "start");
        c.Run = RunProgramAsync(c, c.Runs, program.Token);
    }

    // Under the lock: ends the current run with an exit code; the returned task completes once it has.
    private static Task Terminate(SimContainer c, int exitCode)
    {
        c.KillExitCode = exitCode;
        c.Program?.Cancel();
        return c.Run ?? Task.CompletedTask;
    }

    private async Task RunProgramAsync(SimContainer c, int run, CancellationToken cancellationToken)
    {
        // Yield first: Launch runs under the lock, and the program must not start inside it.
        await Task.Yield();
        var io = new SimProgram.Io(
            (stream, text) => Write(c, stream, text),
            () => c.Stdin,
            c.Spec.Env,
            c.Spec.Hostname ?? c.Id[..12]);
        var argv = c.Spec.Entrypoint.Concat(c.Spec.Cmd.Count > 0 || c.Spec.Entrypoint.Count > 0 ? c.Spec.Cmd : SimImages.DefaultCmd(c.Image)).ToList();
        int exitCode;
        try
        {
            exitCode = await new SimProgram(io, _time).RunAsync(argv, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            exitCode = c.KillExitCode ?? 137;
        }
        catch (IOException)
        {
            exitCode = 1;
        }

        lock (_gate)
        {
            if (c.Runs != run || !IsLive(c))
            {
                return;
            }

            c.Status = ContainerStatus.Exited;
            c.ExitCode = exitCode;
            c.FinishedAt = _time.GetUtcNow();
            c.Exits++;
            c.KillExitCode = null;
            c.Program?.Dispose();
            c.Program = null;
            c.Stdin = null;
            Record(c, "die", ("exitCode", exitCode.ToString(System.Globalization.CultureInfo.InvariantCulture)));
            if (c.Spec.AutoRemove)
            {
                Remove(c);
            }
        }
    }

    private void Write(SimContainer c, LogStream stream, string text)
    {
        lock (_gate)
        {
            c.Output.Add(new LogEntry(stream, _time.GetUtcNow(), text));
            c.Changed.Fire();
        }
    }

    // Under the lock.
    private void Remove(SimContainer c)
    {
        LeaveAll(c);
        c.Removed = true;
        _containers.Remove(c.Id);
        _listing = null;
        if (c.Spec.AutoRemove)
        {
            RemoveAnonymousVolumes(c);
        }

        Record(c, "destroy");
    }

    // Under the lock: the host ports a starting container publishes on, as dockerd allocates them at start: a port
    // asked for must be free on that address among the running containers, a port left to the host is the first free
    // one of the ephemeral range.
    private List<PortMapping> AllocatePorts(SimContainer c)
    {
        var taken = _containers.Values.Where(o => o != c && IsLive(o)).SelectMany(o => o.Allocated).ToList();
        var allocated = new List<PortMapping>();
        foreach (var wanted in DockerPorts.Published(c.Spec))
        {
            var ip = DockerPorts.IsAnyAddress(wanted.Ip) ? "0.0.0.0" : wanted.Ip!;
            bool Clashes(int port) => taken.Concat(allocated).Any(t => t.PublicPort == port && t.Type == wanted.Type
                && (t.Ip == ip || DockerPorts.IsAnyAddress(t.Ip) || ip == "0.0.0.0"));
            int port;
            if (wanted.PublicPort is { } asked and > 0)
            {
                port = Clashes(asked)
                    ? throw BeamException.Conflict($"driver failed programming external connectivity on endpoint {c.Name} ({c.Id}): {DockerPorts.Allocated(ip, asked).Message}")
                    : asked;
            }
            else
            {
                port = Enumerable.Range(DockerPorts.FirstEphemeral, DockerPorts.LastEphemeral - DockerPorts.FirstEphemeral + 1).FirstOrDefault(p => !Clashes(p));
                if (port == 0)
                {
                    throw BeamException.Unavailable($"no free host port left in {DockerPorts.FirstEphemeral}-{DockerPorts.LastEphemeral} for container {c.Name}");
                }
            }

            allocated.Add(wanted with { PublicPort = port, Ip = ip });
        }

        return allocated;
    }

    // Under the lock: journals an event and wakes everyone waiting on the container or the journal.
    private void Record(SimContainer c, string action, params (string Key, string Value)[] attributes)
    {
        var attrs = new Dictionary<string, string>(c.Spec.Labels, StringComparer.Ordinal);
        foreach (var (key, value) in attributes)
        {
            attrs[key] = value;
        }

        _journal.Add(new ContainerEvent { Action = action, Id = c.Id, Name = c.Name, Image = c.Spec.Image, Time = _time.GetUtcNow(), Attributes = attrs });
        if (_journal.Count > JournalLimit)
        {
            var dropped = _journal.Count - JournalLimit;
            _journal.RemoveRange(0, dropped);
            _journalBase += dropped;
        }

        _journalChanged.Fire();
        c.Changed.Fire();
    }
}
