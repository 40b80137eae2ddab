using BenchmarkDotNet.Attributes;
using Swarm.Core.Beam;

namespace Swarm.Benchmarks.Beam;

/// <summary>
/// One request/reply round trip through 1, 2 and 3 Beam hops against a raw <c>Channel&lt;T&gt;</c> ping-pong
/// (the baseline, same run). Each invocation does <see cref="Batch"/> sequential round trips, so the harness's
/// own wait is spread thin; times and allocations are per round trip. <see cref="Cancellable"/> says whether
/// the caller's token can fire (dockerserver passes the HTTP request's, which can).
/// </summary>
[MemoryDiagnoser]
public class BeamRoundTripBenchmarks
{
    private const int Batch = 100;

    private readonly object _payload = new();
    private readonly CancellationTokenSource _neverFires = new();
    private RawPingPong _raw = null!;
    private BeamChain _hop1 = null!;
    private BeamChain _router2 = null!;
    private BeamChain _router3 = null!;
    private BeamChain _debug2 = null!;
    private BeamChain _debug3 = null!;

    [Params(false, true)]
    public bool Cancellable { get; set; }

    private CancellationToken Token => Cancellable ? _neverFires.Token : CancellationToken.None;

    [GlobalSetup]
    public async Task SetupAsync()
    {
        _raw = new RawPingPong();
        _hop1 = await BeamChain.StartAsync(1, HopKind.Router);
        _router2 = await BeamChain.StartAsync(2, HopKind.Router);
        _router3 = await BeamChain.StartAsync(3, HopKind.Router);
        _debug2 = await BeamChain.StartAsync(2, HopKind.Debug);
        _debug3 = await BeamChain.StartAsync(3, HopKind.Debug);
    }

    [GlobalCleanup]
    public async Task CleanupAsync()
    {
        await _raw.DisposeAsync();
        foreach (var chain in new[] { _hop1, _router2, _router3, _debug2, _debug3 })
        {
            await chain.DisposeAsync();
        }

        _neverFires.Dispose();
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = Batch)]
    public async Task RawChannelPingPong()
    {
        var token = Token;
        for (var i = 0; i < Batch; i++)
        {
            // Inline rather than a helper method, so the floor carries no async state machine of its own.
            _raw.Requests.TryWrite(_payload);
            await _raw.Replies.ReadAsync(token);
        }
    }

    [Benchmark(OperationsPerInvoke = Batch)]
    public Task Beam1Hop() => RoundTripsAsync(_hop1);

    [Benchmark(OperationsPerInvoke = Batch)]
    public Task Beam2HopsRouter() => RoundTripsAsync(_router2);

    [Benchmark(OperationsPerInvoke = Batch)]
    public Task Beam3HopsRouter() => RoundTripsAsync(_router3);

    [Benchmark(OperationsPerInvoke = Batch)]
    public Task Beam2HopsDebug() => RoundTripsAsync(_debug2);

    [Benchmark(OperationsPerInvoke = Batch)]
    public Task Beam3HopsDebug() => RoundTripsAsync(_debug3);

    private async Task RoundTripsAsync(BeamChain chain)
    {
        var token = Token;
        for (var i = 0; i < Batch; i++)
        {
            await BeamClient.CallAsync(chain.Target, Verb.Get, null, token);
        }
    }
}
