using Microsoft.Extensions.Logging;
using Swarm.Core.Beam;

namespace Swarm.Core.Backends;

/// <summary>What a backend is given to make an instance.</summary>
/// <param name="Spec">The spec it was named in, with its arguments.</param>
/// <param name="Next">The input of the next instance in the chain, or null when this one is the last.</param>
/// <param name="Services">The host's services (the registry, logging, options).</param>
/// <param name="LoggerFactory">Where the instance's logs go.</param>
public sealed record BackendContext(BackendSpec Spec, IBeamSender? Next, IServiceProvider Services, ILoggerFactory LoggerFactory)
{
    /// <summary>The next instance's input; a spec error naming this backend when there is none.</summary>
    public IBeamSender RequireNext() => Next ?? throw new SwarmSpecException(
        $"{Spec.Name} needs a backend after it, for example: swarmd '{Spec}' simulator");
}
