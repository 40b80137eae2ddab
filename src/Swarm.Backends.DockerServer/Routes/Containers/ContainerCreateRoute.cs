using System.Globalization;
using Swarm.Backends.DockerServer.Http;
using Swarm.Backends.DockerServer.Wire;
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
            ExposedPorts = [.. ((IEnumerable<string>?)body.ExposedPorts?.Keys ?? []).Concat((IEnumerable<string>?)body.HostConfig?.PortBindings?.Keys ?? []).Distinct(StringComparer.Ordinal)],
            PortBindings = [.. Bindings(body.HostConfig?.PortBindings)],
            AutoRemove = body.HostConfig?.AutoRemove ?? false,
            Memory = body.HostConfig?.Memory ?? 0,
            NanoCpus = body.HostConfig?.NanoCpus ?? 0,
        };
        var container = await call.Host.CreateAsync(spec, call.Aborted).ConfigureAwait(false);
        await JsonResponse.WriteAsync(call.Response, 201, new CreateResponse(container.Id), DockerJson.Default.CreateResponse, call.Aborted).ConfigureAwait(false);
    }

    private static IEnumerable<PortMapping> Bindings(Dictionary<string, List<PortBinding>?>? bindings)
    {
        foreach (var (key, list) in bindings ?? [])
        {
            var slash = key.IndexOf('/', StringComparison.Ordinal);
            var number = slash < 0 ? key : key[..slash];
            var type = slash < 0 ? "tcp" : key[(slash + 1)..];
            if (!int.TryParse(number, NumberStyles.None, CultureInfo.InvariantCulture, out var port) || port is < 1 or > 65535)
            {
                throw DockerHttpException.BadRequest($"invalid port specification: \"{key}\"");
            }

            foreach (var binding in list ?? [])
            {
                int? published = null;
                if (!string.IsNullOrEmpty(binding.HostPort))
                {
                    published = int.TryParse(binding.HostPort, NumberStyles.None, CultureInfo.InvariantCulture, out var p) && p is >= 0 and <= 65535
                        ? p
                        : throw DockerHttpException.BadRequest($"invalid host port: \"{binding.HostPort}\"");
                }

                yield return new PortMapping(port, type, published, string.IsNullOrEmpty(binding.HostIp) ? null : binding.HostIp);
            }
        }
    }
}
