namespace Swarm.Backends.DockerServer.Http;

/// <summary>The bodies one dockerserver keeps of those it rendered (see <see cref="BodyMemo"/>), per route.</summary>
internal sealed class ResponseMemo
{
    /// <summary><c>GET /containers/json</c>, by record list and query: ps, ps -a, compose's label filters.</summary>
    public BodyMemo Listings { get; } = new(16);

    /// <summary><c>GET /containers/{id}/json</c>, by record.</summary>
    public BodyMemo Inspections { get; } = new(64);
}
