using System.Globalization;
using Swarm.Backends.DockerServer.Http;
using Swarm.Backends.DockerServer.Wire;
using Swarm.Core.Beam;
using Swarm.Core.Containers;

namespace Swarm.Backends.DockerServer.Routes;

/// <summary><c>POST /containers/create</c>: the body becomes a <see cref="ContainerSpec"/> and one Create.</summary>
internal static class ContainerCreateRoute
{
    public static async Task CreateAsync(DockerCall call)
    {
        var body = await RequestBody.ReadAsync(call.Request, DockerRequestJson.Default.CreateBody, call.Aborted).ConfigureAwait(false)
            ?? throw DockerHttpException.BadRequest("config cannot be empty in order to create a container");
        if (string.IsNullOrWhiteSpace(body.Image))
        {
            throw DockerHttpException.BadRequest("an image is required to create a container: the body needs \"Image\"");
        }

        var spec = new ContainerSpec
        {
            Name = (Query.Get(call.Request, "name") ?? body.Name) is { Length: > 0 } name ? ContainerNames.Validate(name) : null,
            Image = body.Image,
            Cmd = body.Cmd ?? [],
            Entrypoint = body.Entrypoint ?? [],
            Env = body.Env ?? [],
            Labels = body.Labels ?? [],
            Tty = body.Tty,
            OpenStdin = body.OpenStdin,
            Hostname = string.IsNullOrEmpty(body.Hostname) ? null : body.Hostname,
            ExposedPorts = [.. ((IEnumerable<string>?)body.ExposedPorts?.Keys ?? []).Concat((IEnumerable<string>?)body.HostConfig?.PortBindings?.Keys ?? [])
                .Select(DockerPorts.Parse).Select(p => string.Create(CultureInfo.InvariantCulture, $"{p.PrivatePort}/{p.Type}")).Distinct(StringComparer.Ordinal)],
            PortBindings = [.. Bindings(body.HostConfig?.PortBindings)],
            PublishAllPorts = body.HostConfig?.PublishAllPorts ?? false,
            Mounts = ContainerMounts.Read(body),
            AutoRemove = body.HostConfig?.AutoRemove ?? false,
            Memory = body.HostConfig?.Memory ?? 0,
            NanoCpus = body.HostConfig?.NanoCpus ?? 0,
            NetworkMode = body.HostConfig?.NetworkMode is { Length: > 0 } mode ? mode : null,
            Networks = Endpoints(call, body.HostConfig?.NetworkMode, body.NetworkingConfig?.EndpointsConfig),
        };
        var container = await call.Host.CreateAsync(spec, call.Aborted).ConfigureAwait(false);
        await JsonResponse.WriteAsync(call.Response, 201, new CreateResponse(container.Id), DockerJson.Default.CreateResponse, call.Aborted).ConfigureAwait(false);
    }

    /// <summary>
    /// The networks to join, the one <c>NetworkMode</c> names first: the CLI sends <c>NetworkMode: "net"</c> with
    /// <c>EndpointsConfig: {"net": {...}}</c>, and without <c>--network</c> an entry named <c>default</c>, which means the
    /// host's default network. Before API 1.44 dockerd takes one network at create (compose connects the others).
    /// </summary>
    private static List<EndpointSpec> Endpoints(DockerCall call, string? mode, Dictionary<string, EndpointConfigRequest?>? configs)
    {
        configs ??= [];
        var named = mode is { Length: > 0 } m && m is not (DockerNetworks.Default or DockerNetworks.None or DockerNetworks.Host) && !m.StartsWith("container:", StringComparison.Ordinal)
            ? m
            : null;
        var networks = new List<EndpointSpec>();
        if (named is not null)
        {
            networks.Add(NetworkRoutes.Endpoint(named, configs.GetValueOrDefault(named)));
        }

        foreach (var (network, config) in configs)
        {
            if (network == named || (network == DockerNetworks.Default && named is null && !HasSettings(config)) || (network == mode && named is null && network != DockerNetworks.Default))
            {
                continue;
            }

            networks.Add(NetworkRoutes.Endpoint(network == DockerNetworks.Default ? DockerNetworks.Bridge : network, config));
        }

        if (networks.Count > 1 && ApiVersion.Compare(call.Version, "1.44") < 0)
        {
            throw DockerHttpException.BadRequest($"Container cannot be connected to network endpoints: {string.Join(", ", networks.Select(n => n.Network))}");
        }

        return networks;
    }

    private static bool HasSettings(EndpointConfigRequest? config) =>
        config is not null && (config.Aliases is { Count: > 0 } || config.IPAMConfig?.IPv4Address is { Length: > 0 } || config.IPAMConfig?.IPv6Address is { Length: > 0 });

    private static IEnumerable<PortMapping> Bindings(Dictionary<string, List<PortBinding>?>? bindings)
    {
        foreach (var (key, list) in bindings ?? [])
        {
            var exposed = DockerPorts.Parse(key);
            foreach (var binding in list ?? [new PortBinding()])
            {
                int? published = null;
                if (!string.IsNullOrEmpty(binding.HostPort))
                {
                    if (binding.HostPort.Contains('-', StringComparison.Ordinal))
                    {
                        throw BeamException.NotImplemented(
                            $"swarmd does not implement host port ranges ({binding.HostPort}:{exposed.PrivatePort}): publish each container port on one host port, or let swarmd choose (-p {exposed.PrivatePort})");
                    }

                    published = int.TryParse(binding.HostPort, NumberStyles.None, CultureInfo.InvariantCulture, out var p) && p is >= 0 and <= 65535
                        ? p
                        : throw DockerPorts.InvalidSpecification(binding.HostPort);
                }

                if (!string.IsNullOrEmpty(binding.HostIp) && !System.Net.IPAddress.TryParse(binding.HostIp, out _))
                {
                    throw DockerHttpException.BadRequest($"invalid IP address: {binding.HostIp}");
                }

                yield return exposed with { PublicPort = published is 0 ? null : published, Ip = string.IsNullOrEmpty(binding.HostIp) ? null : binding.HostIp };
            }
        }
    }
}
