using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Swarm.Core.Containers;

namespace Swarm.Core.Backends;

/// <summary>A running container backend: its host served by a <see cref="ContainerHostRouter"/>, started and stopped with it.</summary>
internal sealed class ContainerHostInstance(IContainerHost host, ILogger logger)
    : RouterInstance(ContainerHostRouter.Create(host, logger))
{
    public IContainerHost Host => host;

    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        if (host is IHostedService hosted)
        {
            await hosted.StartAsync(cancellationToken).ConfigureAwait(false);
        }

        await base.StartAsync(cancellationToken).ConfigureAwait(false);
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken).ConfigureAwait(false);
        if (host is IHostedService hosted)
        {
            await hosted.StopAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    protected override async ValueTask DisposeAsyncCore()
    {
        await base.DisposeAsyncCore().ConfigureAwait(false);
        switch (host)
        {
            case IAsyncDisposable asyncDisposable:
                await asyncDisposable.DisposeAsync().ConfigureAwait(false);
                break;
            case IDisposable disposable:
                disposable.Dispose();
                break;
        }
    }
}
