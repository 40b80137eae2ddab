using Swarm.Core.Beam;

namespace Swarm.Core.Backends;

/// <summary>A running link of a chain: it answers verbs sent to <see cref="Input"/>.</summary>
public interface IBackendInstance : IAsyncDisposable
{
    /// <summary>Where the previous link (or an embedding host) sends its requests.</summary>
    IBeamSender Input { get; }

    /// <summary>Starts serving (listening, connecting upstream). Fails if it cannot.</summary>
    Task StartAsync(CancellationToken cancellationToken);

    /// <summary>Stops serving; requests still running are cancelled and answered.</summary>
    Task StopAsync(CancellationToken cancellationToken);
}
