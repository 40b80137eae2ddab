using Swarm.Backends.DockerServer.Http;
using Swarm.Backends.DockerServer.Wire;
using Swarm.Core.Beam;
using Swarm.Core.Containers;

namespace Swarm.Backends.DockerServer.Routes;

/// <summary>
/// A create body's mounts in the model's terms, read as dockerd reads them on Linux: <c>HostConfig.Binds</c>
/// (<c>NAME:/path[:MODE]</c> a volume, <c>/host:/path</c> a bind), <c>HostConfig.Mounts</c> (<c>--mount</c>),
/// <c>HostConfig.Tmpfs</c>, and <c>Config.Volumes</c> (an anonymous volume for each path nothing else covers).
/// Whether a backend can honour each kind is the backend's decision.
/// </summary>
internal static class ContainerMounts
{
    private static readonly string[] Modes =
        ["ro", "rw", "z", "Z", "nocopy", "shared", "rshared", "slave", "rslave", "private", "rprivate", "consistent", "cached", "delegated"];

    public static List<MountSpec> Read(CreateBody body)
    {
        var host = body.HostConfig;
        if (host?.VolumesFrom is { Count: > 0 })
        {
            throw BeamException.NotImplemented("swarmd does not implement --volumes-from: mount the other container's volumes by name instead (-v NAME:/path)");
        }

        var mounts = new List<MountSpec>();
        foreach (var bind in host?.Binds ?? [])
        {
            mounts.Add(Bind(bind, host?.VolumeDriver ?? ""));
        }

        foreach (var mount in host?.Mounts ?? [])
        {
            mounts.Add(Mount(mount));
        }

        foreach (var (path, options) in host?.Tmpfs ?? [])
        {
            mounts.Add(new MountSpec { Type = MountType.Tmpfs, Target = path, Mode = options ?? "" });
        }

        foreach (var path in body.Volumes?.Keys ?? (IEnumerable<string>)[])
        {
            if (!mounts.Exists(m => SamePath(m.Target, path)))
            {
                mounts.Add(new MountSpec { Target = path, VolumeDriver = host?.VolumeDriver ?? "" });
            }
        }

        return mounts;
    }

    // SRC:DST[:MODE], or DST alone (an anonymous volume); SRC an absolute path is a bind, anything else a volume's name.
    private static MountSpec Bind(string spec, string volumeDriver)
    {
        var parts = spec.Split(':');
        if (parts.Length > 3 || parts.Any(p => p.Length == 0))
        {
            throw Invalid(spec, "");
        }

        var (source, target, mode) = parts.Length switch
        {
            1 => ("", parts[0], ""),
            2 => (parts[0], parts[1], ""),
            _ => (parts[0], parts[1], parts[2]),
        };
        var options = mode.Split(',', StringSplitOptions.RemoveEmptyEntries);
        if (options.FirstOrDefault(o => !Modes.Contains(o)) is { } bad || (options.Contains("ro") && options.Contains("rw")))
        {
            throw Invalid(spec, $": invalid mode: {mode}");
        }

        var bind = source.StartsWith('/');
        return new MountSpec
        {
            Type = bind ? MountType.Bind : MountType.Volume,
            Source = source,
            Target = target,
            ReadOnly = options.Contains("ro"),
            Mode = mode,
            VolumeDriver = bind ? "" : volumeDriver,
        };
    }

    private static MountSpec Mount(MountRequest mount)
    {
        var type = (mount.Type ?? "").ToLowerInvariant() switch
        {
            "volume" or "" => MountType.Volume,
            "bind" => MountType.Bind,
            "tmpfs" => MountType.Tmpfs,
            var other => throw DockerHttpException.BadRequest($"invalid mount config for type \"{other}\": mount type unknown"),
        };
        if (type == MountType.Bind && string.IsNullOrEmpty(mount.Source))
        {
            throw DockerHttpException.BadRequest("invalid mount config for type \"bind\": field Source must not be empty");
        }

        var options = mount.VolumeOptions;
        return new MountSpec
        {
            Type = type,
            Source = mount.Source ?? "",
            Target = mount.Target ?? "",
            ReadOnly = mount.ReadOnly,
            VolumeDriver = options?.DriverConfig?.Name ?? "",
            VolumeOptions = options?.DriverConfig?.Options ?? [],
            VolumeLabels = options?.Labels ?? [],
        };
    }

    private static bool SamePath(string a, string b) => string.Equals(a.TrimEnd('/'), b.TrimEnd('/'), StringComparison.Ordinal);

    private static DockerHttpException Invalid(string spec, string why) => DockerHttpException.BadRequest($"invalid volume specification: '{spec}'{why}");
}
