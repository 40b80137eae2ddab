using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging.Abstractions;
using Swarm.Backends.DockerServer.Http;
using Swarm.Core.Backends;
using Swarm.Core.Backends.Simulator;
using Swarm.Core.Containers;

namespace Swarm.Benchmarks.Containers;

/// <summary>
/// A whole Docker route in-process, as dockerserver serves it but without sockets: <see cref="DockerApi.HandleAsync"/>
/// on a fresh <see cref="DefaultHttpContext"/> (path, version, routing, the Beam hop to a simulator instance with 100
/// running containers, the Docker view, JSON, the response body), against the baseline of scripts/bench/dockerserver.sh's
/// bare Kestrel app: the same bytes written to the same kind of context. The difference is dockerserver's own work.
/// </summary>
[MemoryDiagnoser]
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory)]
[CategoriesColumn]
public class RouteBenchmarks
{
    private const int Containers = 100;

    private readonly CancellationTokenSource _aborted = new();
    private readonly CancellationTokenSource _stopping = new();
    private RouterInstance _instance = null!;
    private DockerApi _api = null!;
    private string _inspectPath = null!;
    private byte[] _listBody = null!;
    private byte[] _inspectBody = null!;
    private long _rendered;

    [GlobalSetup]
    public async Task SetupAsync()
    {
        var host = new SimulatorHost(new SimulatorOptions(), TimeProvider.System);
        ContainerHandle last = null!;
        for (var i = 0; i < Containers; i++)
        {
            last = await host.CreateAsync(new ContainerSpec { Image = "cirros", Name = $"bench{i}", Cmd = ["sleep", "3600"] }, CancellationToken.None);
            await host.StartAsync(last, CancellationToken.None);
        }

        _instance = new RouterInstance(ContainerHostRouter.Create(host));
        await _instance.StartAsync(CancellationToken.None);
        _api = new DockerApi(new ContainerHostClient(_instance.Input), NullLogger.Instance, TimeProvider.System, _stopping.Token);
        _inspectPath = $"/v1.47/containers/{last.Id}/json";
        _listBody = await CaptureAsync("/v1.47/containers/json");
        _inspectBody = await CaptureAsync(_inspectPath);
    }

    [GlobalCleanup]
    public async Task CleanupAsync()
    {
        await _instance.DisposeAsync();
        _aborted.Dispose();
        _stopping.Dispose();
    }

    [BenchmarkCategory("list"), Benchmark(Baseline = true)]
    public Task ListBareBytes() => WriteBytesAsync(_listBody);

    [BenchmarkCategory("list"), Benchmark]
    public Task ListRoute() => _api.HandleAsync(Context("/v1.47/containers/json", Stream.Null));

    /// <summary>A query of its own each time: dockerserver renders every listing (no kept body applies).</summary>
    [BenchmarkCategory("list"), Benchmark]
    public Task ListRouteRendered()
    {
        var http = Context("/v1.47/containers/json", Stream.Null);
        http.Request.QueryString = new QueryString("?n=" + (++_rendered).ToString(System.Globalization.CultureInfo.InvariantCulture));
        return _api.HandleAsync(http);
    }

    [BenchmarkCategory("inspect"), Benchmark(Baseline = true)]
    public Task InspectBareBytes() => WriteBytesAsync(_inspectBody);

    [BenchmarkCategory("inspect"), Benchmark]
    public Task InspectRoute() => _api.HandleAsync(Context(_inspectPath, Stream.Null));

    private async Task WriteBytesAsync(byte[] body)
    {
        // What BareKestrel's app does per request, on the same kind of context.
        var http = Context("/v1.47/containers/json", Stream.Null);
        var response = http.Response;
        response.StatusCode = 200;
        response.ContentType = JsonResponse.ContentType;
        response.ContentLength = body.Length;
        await response.Body.WriteAsync(body, http.RequestAborted);
    }

    private DefaultHttpContext Context(string path, Stream body)
    {
        var http = new DefaultHttpContext { RequestAborted = _aborted.Token };
        http.Request.Method = HttpMethods.Get;
        http.Request.Path = path;
        http.Response.Body = body;
        return http;
    }

    private async Task<byte[]> CaptureAsync(string path)
    {
        using var body = new MemoryStream();
        var http = Context(path, body);
        await _api.HandleAsync(http);
        return http.Response.StatusCode == 200 ? body.ToArray() : throw new InvalidOperationException($"{path} answered {http.Response.StatusCode}");
    }
}
