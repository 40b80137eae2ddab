using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Swarm.Core.Containers;
using Swarm.Core.Hosting;
using Swarm.Tests.Openstack;

namespace Swarm.Tests.Backends;

/// <summary>What the <c>debug</c> backend writes: every verb and reply, but no env or label value unless asked.</summary>
public sealed class DebugBackendTests
{
    [TestCase("debug", false)]
    [TestCase("debug --show-values", true)]
    public async Task Create_WithSecretEnvAndLabel_ValuesShownOnlyWhenAsked(string spec, bool shown)
    {
        var lines = new ListLogger();
        var services = new ServiceCollection();
        services.AddLogging(b => b.SetMinimumLevel(LogLevel.Trace).AddProvider(new SingleLoggerProvider(lines)));
        services.AddSwarm();
        await using var provider = services.BuildServiceProvider();
        await using var chain = await provider.GetRequiredService<SwarmChainFactory>().CreateAsync(spec, "simulator");
        await chain.StartAsync(CancellationToken.None);
        var host = new ContainerHostClient(chain.Input);

        var created = await host.CreateAsync(new ContainerSpec
        {
            Name = "secretive",
            Image = "cirros",
            Env = ["DB_PASSWORD=hunter2"],
            Labels = new Dictionary<string, string> { ["api-token"] = "tok-123" },
        }, CancellationToken.None);
        await host.ListAsync(CancellationToken.None);
        var log = string.Join('\n', lines.Lines);

        Assert.That(log, Does.Contain("-> next Create").And.Contain("<- next List"), "every verb is logged");
        Assert.That(log, Does.Contain("DB_PASSWORD=").And.Contain("api-token"), "the keys are shown");
        Assert.That(log.Contains("hunter2", StringComparison.Ordinal) || log.Contains("tok-123", StringComparison.Ordinal), Is.EqualTo(shown), log);
        Assert.That(created.Record.Env, Is.EqualTo(new[] { "DB_PASSWORD=hunter2" }), "only the log is masked, not the answer");
    }

    private sealed class SingleLoggerProvider(ILogger logger) : ILoggerProvider
    {
        public ILogger CreateLogger(string categoryName) => categoryName == "Swarm.Debug" ? logger : Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance;

        public void Dispose()
        {
        }
    }
}
