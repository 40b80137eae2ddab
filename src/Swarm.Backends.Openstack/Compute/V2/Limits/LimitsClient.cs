using Swarm.Backends.Openstack.Http;

namespace Swarm.Backends.Openstack.Compute.V2;

/// <summary>Nova's limits.</summary>
internal sealed class LimitsClient(ServiceClient http)
{
    /// <summary><c>GET /limits</c>: absolute limits and usage.</summary>
    public async Task<IReadOnlyDictionary<string, long>> AbsoluteAsync(CancellationToken cancellationToken) =>
        (await http.GetAsync(http.Url("limits"), cancellationToken).ConfigureAwait(false)).Read(OpenstackJson.Default.LimitsResult, "limits").Limits.Absolute;
}
