using Swarm.Backends.DockerServer.Http;
using Swarm.Backends.DockerServer.Wire;
using Swarm.Core.Beam;
using Swarm.Core.Containers;

namespace Swarm.Backends.DockerServer.Routes;

/// <summary>
/// <c>/networks</c>: list and inspect (the Networks verb), create, remove and prune. Each route sends one verb, except
/// prune (one NetworkDelete per candidate) and a list with the <c>dangling</c> filter (which needs each network's
/// containers).
/// </summary>
internal static class NetworkRoutes
{
    public static async Task ListAsync(DockerCall call)
    {
        var filters = Filters.Parse(Query.Get(call.Request, "filters"));
        var filter = new NetworkFilter(filters);
        var networks = await call.Host.ListNetworksAsync(call.Aborted).ConfigureAwait(false);
        if (filter.NeedsContainers)
        {
            networks = await Task.WhenAll(networks.Select(n => n.Predefined ? Task.FromResult(n) : call.Host.GetNetworkAsync(n.Id, call.Aborted))).ConfigureAwait(false);
        }

        var items = networks.Where(filter.Matches).Select(n => NetworkViews.Resource(n, withContainers: false)).ToArray();
        await JsonResponse.WriteAsync(call.Response, 200, items, DockerJson.Default.NetworkResourceArray, call.Aborted).ConfigureAwait(false);
    }

    public static async Task InspectAsync(DockerCall call, string reference)
    {
        var network = await call.Host.GetNetworkAsync(reference, call.Aborted).ConfigureAwait(false);
        await JsonResponse.WriteAsync(call.Response, 200, NetworkViews.Resource(network, withContainers: true), DockerJson.Default.NetworkResource, call.Aborted).ConfigureAwait(false);
    }

    public static async Task CreateAsync(DockerCall call)
    {
        var body = await RequestBody.ReadAsync(call.Request, DockerRequestJson.Default.NetworkCreateBody, call.Aborted).ConfigureAwait(false)
            ?? throw DockerHttpException.BadRequest("a network create needs a body with at least \"Name\"");
        if (body.Ingress || body.ConfigOnly || body.ConfigFrom is { Network.Length: > 0 } || body.Scope is "swarm" or "global")
        {
            throw BeamException.NotImplemented("swarmd does not implement swarm networks (ingress, config-only, config-from, swarm scope)");
        }

        var spec = new NetworkSpec
        {
            Name = body.Name ?? "",
            Driver = body.Driver ?? "",
            Internal = body.Internal,
            Attachable = body.Attachable,
            EnableIPv6 = body.EnableIPv6 ?? false,
            Ipam = new NetworkIpam
            {
                Driver = body.IPAM?.Driver ?? "",
                Options = body.IPAM?.Options,
                Config = [.. (body.IPAM?.Config ?? []).Select(c => new IpamConfig
                {
                    Subnet = c.Subnet ?? "",
                    IPRange = c.IPRange ?? "",
                    Gateway = c.Gateway ?? "",
                    AuxAddresses = c.AuxiliaryAddresses,
                })],
            },
            Options = body.Options ?? [],
            Labels = body.Labels ?? [],
        };
        var network = await call.Host.CreateNetworkAsync(spec, call.Aborted).ConfigureAwait(false);
        await JsonResponse.WriteAsync(call.Response, 201, new NetworkCreateResponse(network.Id, ""), DockerJson.Default.NetworkCreateResponse, call.Aborted).ConfigureAwait(false);
    }

    public static async Task DeleteAsync(DockerCall call, string reference)
    {
        await call.Host.DeleteNetworkAsync(reference, call.Aborted).ConfigureAwait(false);
        await call.NoContentAsync().ConfigureAwait(false);
    }

    /// <summary>Removes every network no container is on, except the predefined ones; a network in use is skipped.</summary>
    public static async Task PruneAsync(DockerCall call)
    {
        var filters = Filters.Parse(Query.Get(call.Request, "filters")).Accept("label", "label!", "until");
        var now = call.Time.GetUtcNow();
        var until = filters.Get("until").Select(v => Until(v, now)).DefaultIfEmpty(DateTimeOffset.MaxValue).Min();
        var networks = await call.Host.ListNetworksAsync(call.Aborted).ConfigureAwait(false);
        var deleted = new List<string>();
        foreach (var network in networks.Where(n => !n.Predefined && n.Created < until
            && ContainerFilter.LabelsMatch(filters.Get("label"), n.Labels)
            && !filters.Get("label!").Any(l => ContainerFilter.LabelsMatch([l], n.Labels))))
        {
            try
            {
                await call.Host.DeleteNetworkAsync(network.Id, call.Aborted).ConfigureAwait(false);
                deleted.Add(network.Name);
            }
            catch (BeamException ex) when (ex.Kind is BeamErrorKind.Conflict or BeamErrorKind.NotFound)
            {
                // In use (or gone meanwhile): a prune leaves it.
            }
        }

        await JsonResponse.WriteAsync(call.Response, 200, new NetworkPruneResponse(deleted), DockerJson.Default.NetworkPruneResponse, call.Aborted).ConfigureAwait(false);
    }

    public static async Task ConnectAsync(DockerCall call, string network)
    {
        var body = await RequestBody.ReadAsync(call.Request, DockerRequestJson.Default.NetworkConnectBody, call.Aborted).ConfigureAwait(false);
        var container = await call.Host.ResolveAsync(Container(body?.Container), call.Aborted).ConfigureAwait(false);
        await call.Host.ConnectNetworkAsync(container, Endpoint(network, body?.EndpointConfig), call.Aborted).ConfigureAwait(false);
        call.Response.StatusCode = 200;
    }

    public static async Task DisconnectAsync(DockerCall call, string network)
    {
        var body = await RequestBody.ReadAsync(call.Request, DockerRequestJson.Default.NetworkDisconnectBody, call.Aborted).ConfigureAwait(false);
        var container = await call.Host.ResolveAsync(Container(body?.Container), call.Aborted).ConfigureAwait(false);
        await call.Host.DisconnectNetworkAsync(container, network, body?.Force ?? false, call.Aborted).ConfigureAwait(false);
        call.Response.StatusCode = 200;
    }

    /// <summary>An endpoint request in the model's terms.</summary>
    public static EndpointSpec Endpoint(string network, EndpointConfigRequest? config) => new()
    {
        Network = network,
        Aliases = [.. (config?.Aliases ?? []).Where(a => a.Length > 0).Distinct(StringComparer.Ordinal)],
        IPv4Address = config?.IPAMConfig?.IPv4Address is { Length: > 0 } v4 ? v4 : null,
        IPv6Address = config?.IPAMConfig?.IPv6Address is { Length: > 0 } v6 ? v6 : null,
    };

    private static string Container(string? container) => container is { Length: > 0 }
        ? container
        : throw DockerHttpException.BadRequest("the body needs \"Container\": the container's name or id");

    private static DateTimeOffset Until(string value, DateTimeOffset now)
    {
        if (DateTimeOffset.TryParse(value, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AssumeUniversal, out var at))
        {
            return at;
        }

        if (decimal.TryParse(value, System.Globalization.NumberStyles.AllowDecimalPoint, System.Globalization.CultureInfo.InvariantCulture, out var seconds))
        {
            return DateTimeOffset.UnixEpoch.AddSeconds((double)seconds);
        }

        var duration = value.Length > 1 && char.IsLetter(value[^1]) && double.TryParse(value[..^1], System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var n)
            ? value[^1] switch { 's' => TimeSpan.FromSeconds(n), 'm' => TimeSpan.FromMinutes(n), 'h' => TimeSpan.FromHours(n), _ => (TimeSpan?)null }
            : null;
        return duration is { } d ? now - d : throw DockerHttpException.BadRequest($"invalid value for until: \"{value}\"");
    }
}
