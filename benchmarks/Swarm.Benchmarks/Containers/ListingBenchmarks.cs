using System.Text.Json;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using Swarm.Backends.DockerServer.Routes;
using Swarm.Backends.DockerServer.Wire;
using Swarm.Core.Backends;
using Swarm.Core.Backends.Simulator;
using Swarm.Core.Containers;

namespace Swarm.Benchmarks.Containers;

/// <summary>
/// The hot path of <c>GET /containers/json</c> with 100 running simulator containers, piece by piece.
/// Category <c>wire</c>: List's wire form (one BeamJson document per record) against the whole list as one
/// document (baseline). Category <c>route</c>: the simulator's own ListAsync (baseline), the same through
/// a Beam hop (List, typed body), and the Docker view and body dockerserver renders from it. Category <c>inspect</c>:
/// the same for <c>GET /containers/{id}/json</c>: the simulator's ResolveAsync (baseline), Resolve over a Beam hop
/// (the route's one verb; the handle carries the record), and the Docker inspect view and body.
/// </summary>
[MemoryDiagnoser]
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory)]
[CategoriesColumn]
public class ListingBenchmarks
{
    private const int Containers = 100;

    private SimulatorHost _host = null!;
    private RouterInstance _instance = null!;
    private ContainerHostClient _client = null!;
    private ContainerRecord[] _records = null!;
    private string[] _perRecord = null!;
    private string _oneDocument = null!;
    private string _lastId = null!;

    [GlobalSetup]
    public async Task SetupAsync()
    {
        _host = new SimulatorHost(new SimulatorOptions(), TimeProvider.System);
        for (var i = 0; i < Containers; i++)
        {
            var container = await _host.CreateAsync(new ContainerSpec { Image = "cirros", Name = $"bench{i}", Cmd = ["sleep", "3600"] }, CancellationToken.None);
            await _host.StartAsync(container, CancellationToken.None);
        }

        _instance = new RouterInstance(ContainerHostRouter.Create(_host));
        await _instance.StartAsync(CancellationToken.None);
        _client = new ContainerHostClient(_instance.Input);
        _records = [.. await _host.ListAsync(CancellationToken.None)];
        _perRecord = [.. _records.Select(BeamJson.Write)];
        _oneDocument = JsonSerializer.Serialize(_records, ListingJson.Default.ContainerRecordArray);
        _lastId = _records[0].Id;
    }

    [GlobalCleanup]
    public async Task CleanupAsync() => await _instance.DisposeAsync();

    [BenchmarkCategory("wire"), Benchmark(Baseline = true)]
    public string OneDocumentWrite() => JsonSerializer.Serialize(_records, ListingJson.Default.ContainerRecordArray);

    [BenchmarkCategory("wire"), Benchmark]
    public string[] BeamJsonWrite100() => [.. _records.Select(BeamJson.Write)];

    [BenchmarkCategory("wire"), Benchmark]
    public ContainerRecord[]? OneDocumentRead() => JsonSerializer.Deserialize(_oneDocument, ListingJson.Default.ContainerRecordArray);

    [BenchmarkCategory("wire"), Benchmark]
    public ContainerRecord[] BeamJsonRead100() => [.. _perRecord.Select(BeamJson.Read<ContainerRecord>)];

    [BenchmarkCategory("route"), Benchmark(Baseline = true)]
    public Task<IReadOnlyList<ContainerRecord>> SimulatorListAsync() => _host.ListAsync(CancellationToken.None);

    [BenchmarkCategory("route"), Benchmark]
    public Task<IReadOnlyList<ContainerRecord>> ListOverBeamAsync() => _client.ListAsync(CancellationToken.None);

    [BenchmarkCategory("route"), Benchmark]
    public byte[] DockerSummariesAndBody()
    {
        var now = DateTimeOffset.UtcNow;
        var items = new ContainerSummary[_records.Length];
        for (var i = 0; i < items.Length; i++)
        {
            items[i] = ContainerViews.Summary(_records[i], now, size: false);
        }

        return JsonSerializer.SerializeToUtf8Bytes(items, DockerJson.Default.ContainerSummaryArray);
    }

    [BenchmarkCategory("inspect"), Benchmark(Baseline = true)]
    public Task<ContainerHandle> SimulatorResolveAsync() => _host.ResolveAsync(_lastId, CancellationToken.None);

    [BenchmarkCategory("inspect"), Benchmark]
    public Task<ContainerHandle> ResolveOverBeamAsync() => _client.ResolveAsync(_lastId, CancellationToken.None);

    [BenchmarkCategory("inspect"), Benchmark]
    public byte[] DockerInspectAndBody() =>
        JsonSerializer.SerializeToUtf8Bytes(ContainerViews.Inspect(_records[0]), DockerJson.Default.ContainerInspect);
}
