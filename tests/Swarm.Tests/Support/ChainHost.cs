using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Swarm.Backends.DockerServer;
using Swarm.Core.Hosting;

namespace Swarm.Tests.Support;

/// <summary>
/// An in-process swarmd chain, as <c>swarmd 'dockerserver tcp://127.0.0.1:0' simulator</c> would run it, started
/// and disposed by a test. The dockerserver's bound addresses give the free port it picked.
/// </summary>
public sealed class ChainHost : IAsyncDisposable
{
    private readonly ServiceProvider _services;

    private ChainHost(ServiceProvider services, SwarmChain chain)
    {
        _services = services;
        Chain = chain;
    }

    public SwarmChain Chain { get; }

    /// <summary>The first dockerserver of the chain, if there is one.</summary>
    public DockerServerInstance? DockerServer => Chain.Instances.OfType<DockerServerInstance>().FirstOrDefault();

    /// <summary>The dockerserver's first address, dockerd style (<c>tcp://127.0.0.1:PORT</c>, <c>unix:///path</c>).</summary>
    public string DockerHost => DockerServer?.Addresses.FirstOrDefault()
        ?? throw new InvalidOperationException("the chain has no listening dockerserver");

    /// <summary>The dockerserver's TCP address as an http URL (<c>http://127.0.0.1:PORT</c>).</summary>
    public Uri HttpBase => new("http://" + DockerServer!.Addresses.First(a => a.StartsWith("tcp://", StringComparison.Ordinal))["tcp://".Length..]);

    /// <summary>Starts <c>dockerserver tcp://127.0.0.1:0</c> in front of <paramref name="backend"/> specs.</summary>
    public static Task<ChainHost> StartDockerServerAsync(string backend = "simulator", string listen = "tcp://127.0.0.1:0", Action<SwarmBuilder>? configure = null, ILoggerProvider? logs = null) =>
        StartAsync(configure, logs, $"dockerserver {listen}", backend);

    /// <summary>Starts a chain of arbitrary specs; <paramref name="configure"/> adds backends beyond the built-in ones.</summary>
    public static Task<ChainHost> StartAsync(Action<SwarmBuilder>? configure, params string[] specs) => StartAsync(configure, null, specs);

    /// <summary>Starts a chain of arbitrary specs whose logs (from debug up) go to <paramref name="logs"/> when given.</summary>
    public static async Task<ChainHost> StartAsync(Action<SwarmBuilder>? configure, ILoggerProvider? logs, params string[] specs)
    {
        var services = new ServiceCollection();
        services.AddLogging(b =>
        {
            b.SetMinimumLevel(logs is null ? LogLevel.Warning : LogLevel.Debug);
            if (logs is not null)
            {
                b.AddProvider(logs);
            }
        });
        var swarm = services.AddSwarm().AddDockerServerBackend();
        configure?.Invoke(swarm);
        var provider = services.BuildServiceProvider();
        try
        {
            var chain = await provider.GetRequiredService<SwarmChainFactory>().CreateAsync(specs);
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            await chain.StartAsync(timeout.Token);
            return new ChainHost(provider, chain);
        }
        catch
        {
            await provider.DisposeAsync();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await Chain.DisposeAsync();
        await _services.DisposeAsync();
    }
}
