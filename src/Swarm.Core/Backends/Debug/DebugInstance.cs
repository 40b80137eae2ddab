using Microsoft.Extensions.Logging;
using Swarm.Core.Beam;

namespace Swarm.Core.Backends.Debug;

/// <summary>A running <c>debug</c> link: a proxy in front of the next instance.</summary>
internal sealed class DebugInstance : IBackendInstance
{
    private readonly DebugProxy _proxy;

    public DebugInstance(IBeamSender next, ILogger logger, LogLevel level, bool showValues) =>
        _proxy = new DebugProxy(next, "next", logger, level, showValues);

    public IBeamSender Input => _proxy;

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
