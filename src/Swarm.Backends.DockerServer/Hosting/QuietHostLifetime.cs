using Microsoft.Extensions.Hosting;

namespace Swarm.Backends.DockerServer.Hosting;

/// <summary>
/// The embedded web host must not take over Ctrl+C or SIGTERM: the process's own host owns them and stops the
/// chain, which stops this server.
/// </summary>
internal sealed class QuietHostLifetime : IHostLifetime
{
    public Task WaitForStartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
