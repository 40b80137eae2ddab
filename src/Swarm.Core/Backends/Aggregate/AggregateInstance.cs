using Microsoft.Extensions.Logging;
using Swarm.Core.Containers;

namespace Swarm.Core.Backends.Aggregate;

/// <summary>A running aggregate: its own router, and the children it starts and stops with itself.</summary>
internal sealed class AggregateInstance(AggregateHost host, IReadOnlyList<IBackendInstance> children, ILogger logger)
    : RouterInstance(ContainerHostRouter.Create(host, logger))
{
    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        foreach (var child in children)
        {
            await child.StartAsync(cancellationToken).ConfigureAwait(false);
        }

        await base.StartAsync(cancellationToken).ConfigureAwait(false);
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        var failures = new List<Exception>();
        try
        {
            await base.StopAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            failures.Add(ex);
        }

        foreach (var child in children.Reverse())
        {
            try
            {
                await child.StopAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex)
            {
                failures.Add(ex);
            }
        }

        if (failures.Count > 0)
        {
            throw new AggregateException("stopping aggregate failed", failures);
        }
    }

    protected override async ValueTask DisposeAsyncCore()
    {
        await base.DisposeAsyncCore().ConfigureAwait(false);
        foreach (var child in children)
        {
            await child.DisposeAsync().ConfigureAwait(false);
        }
    }
}
