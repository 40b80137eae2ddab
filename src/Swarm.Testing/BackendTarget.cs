using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Swarm.Core.Backends;
using Swarm.Core.Beam;

namespace Swarm.Testing;

/// <summary>A target that makes one instance of a backend object from a spec: what a backend author needs.</summary>
public abstract class BackendTarget : ConformanceTarget
{
    private IBackendInstance? _instance;

    /// <summary>The backend under test.</summary>
    protected abstract IBackend Backend { get; }

    /// <summary>The spec of the instance (default: the backend's name alone).</summary>
    protected virtual string Spec => Backend.Name;

    /// <inheritdoc />
    public override async Task<IBeamSender> StartAsync(CancellationToken cancellationToken)
    {
        var services = new ServiceCollection().BuildServiceProvider();
        _instance = Backend.Create(new BackendContext(BackendSpec.Parse(Spec), null, services, NullLoggerFactory.Instance));
        await _instance.StartAsync(cancellationToken).ConfigureAwait(false);
        return _instance.Input;
    }

    /// <inheritdoc />
    public override async ValueTask DisposeAsync()
    {
        if (_instance is not null)
        {
            await _instance.DisposeAsync().ConfigureAwait(false);
        }

        GC.SuppressFinalize(this);
    }
}
