using NUnit.Framework;
using Swarm.Core.Beam;
using Swarm.Core.Containers;

namespace Swarm.Testing;

/// <summary>
/// What every conformance fixture shares: one instance of the target per fixture, driven over Beam through a
/// <see cref="ContainerHostClient"/> (the same interfaces a backend implements), and every container, network and volume a
/// test made removed after it (containers first), whatever the outcome.
/// </summary>
/// <typeparam name="TTarget">The backend under test.</typeparam>
public abstract class ConformanceFixture<TTarget>
    where TTarget : ConformanceTarget, new()
{
    private readonly List<ContainerHandle> _created = [];
    private readonly List<string> _networks = [];
    private readonly List<string> _volumes = [];

    /// <summary>The target (made once per fixture).</summary>
    protected TTarget Target { get; private set; } = null!;

    /// <summary>The instance under test.</summary>
    protected ContainerHostClient Host { get; private set; } = null!;

    /// <summary>Starts the target.</summary>
    [OneTimeSetUp]
    public async Task StartTargetAsync()
    {
        Target = new TTarget();
        using var cts = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        Host = new ContainerHostClient(await Target.StartAsync(cts.Token).ConfigureAwait(false), typeof(TTarget).Name);
    }

    /// <summary>Stops the target.</summary>
    [OneTimeTearDown]
    public async Task StopTargetAsync()
    {
        if (Target is not null)
        {
            await Target.DisposeAsync().ConfigureAwait(false);
        }
    }

    /// <summary>Removes what the test created.</summary>
    [TearDown]
    public async Task RemoveCreatedAsync()
    {
        foreach (var container in _created)
        {
            try
            {
                using var cts = new CancellationTokenSource(Target.CallTimeout * 2);
                await Host.DeleteAsync(container, force: true, cts.Token).ConfigureAwait(false);
            }
            catch (BeamException ex) when (ex.Kind == BeamErrorKind.NotFound)
            {
                // Removed by the test itself.
            }
        }

        _created.Clear();
        foreach (var network in _networks)
        {
            try
            {
                using var cts = new CancellationTokenSource(Target.CallTimeout * 2);
                await Host.DeleteNetworkAsync(network, cts.Token).ConfigureAwait(false);
            }
            catch (BeamException ex) when (ex.Kind == BeamErrorKind.NotFound)
            {
                // Removed by the test itself.
            }
        }

        _networks.Clear();
        foreach (var volume in _volumes)
        {
            try
            {
                using var cts = new CancellationTokenSource(Target.CallTimeout * 2);
                await Host.DeleteVolumeAsync(volume, force: true, cts.Token).ConfigureAwait(false);
            }
            catch (BeamException ex) when (ex.Kind == BeamErrorKind.NotFound)
            {
                // Removed by the test itself.
            }
        }

        _volumes.Clear();
    }

    /// <summary>Creates a volume that is removed after the test (after its containers).</summary>
    protected async Task<VolumeRecord> CreateVolumeAsync(VolumeSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        var volume = await Host.CreateVolumeAsync(spec, Token()).ConfigureAwait(false);
        _volumes.Add(volume.Name);
        return volume;
    }

    /// <summary>Remembers a volume made some other way (by a container's mount): removed after the test.</summary>
    protected void TrackVolume(string name) => _volumes.Add(name);

    /// <summary>Creates a network that is removed after the test (after its containers).</summary>
    protected async Task<NetworkRecord> CreateNetworkAsync(NetworkSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        var network = await Host.CreateNetworkAsync(spec, Token()).ConfigureAwait(false);
        _networks.Add(network.Id);
        return network;
    }

    /// <summary>A name no other test or run uses.</summary>
    protected static string UniqueName() => "conf-" + Guid.NewGuid().ToString("N")[..10];

    /// <summary>A token that gives up after the target's call timeout: a hang fails the test instead of the run.</summary>
    protected CancellationToken Token() => new CancellationTokenSource(Target.CallTimeout).Token;

    /// <summary>Creates a container that is removed after the test.</summary>
    protected Task<ContainerHandle> CreateAsync(string name) => CreateAsync(new ContainerSpec { Name = name, Image = Target.Image });

    /// <summary>Creates a container from a spec; it is removed after the test.</summary>
    protected async Task<ContainerHandle> CreateAsync(ContainerSpec spec)
    {
        var container = await Host.CreateAsync(spec, Token()).ConfigureAwait(false);
        _created.Add(container);
        return container;
    }

    /// <summary>Reads a stream until <paramref name="enough"/> says so, or fails naming <paramref name="what"/> after the call timeout.</summary>
    protected async Task<List<T>> ReadUntilAsync<T>(IAsyncEnumerable<T> stream, Func<List<T>, bool> enough, string what, CancellationTokenSource? stop = null)
    {
        var seen = new List<T>();
        using var timeout = new CancellationTokenSource(Target.CallTimeout);
        try
        {
            await foreach (var item in stream.WithCancellation(timeout.Token).ConfigureAwait(false))
            {
                seen.Add(item);
                if (enough(seen))
                {
                    break;
                }
            }
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested)
        {
            Assert.Fail($"timed out after {Target.CallTimeout.TotalSeconds} s waiting for {what}; saw {seen.Count}: {string.Join(" | ", seen)}");
        }
        finally
        {
            if (stop is not null)
            {
                await stop.CancelAsync().ConfigureAwait(false);
            }
        }

        return seen;
    }
}
