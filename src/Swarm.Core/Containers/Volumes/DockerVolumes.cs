using System.Security.Cryptography;
using System.Text.RegularExpressions;
using Swarm.Core.Beam;

namespace Swarm.Core.Containers;

/// <summary>
/// Docker's volume rules in one place for every backend: names, the anonymous-volume label, the checks of a
/// container's mounts with dockerd's messages, and the errors a volume verb answers with. Backends call these so that a
/// bad request is refused the same way everywhere.
/// </summary>
public static partial class DockerVolumes
{
    /// <summary>The label dockerd (23+) puts on a volume made for one container (<c>-v /path</c>).</summary>
    public const string AnonymousLabel = "com.docker.volume.anonymous";

    /// <summary>A new volume name as dockerd makes one: 64 lower-case hex characters.</summary>
    public static string NewName() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32));

    /// <summary>Checks a volume name as dockerd's local driver does (letters, digits, <c>_.-</c>, at least two characters).</summary>
    public static string ValidateName(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (name.Length == 1)
        {
            throw BeamException.Invalid("volume name is too short, names should be at least two alphanumeric characters");
        }

        return ValidName().IsMatch(name)
            ? name
            : throw BeamException.Invalid(
                $"\"{name}\" includes invalid characters for a local volume name, only \"[a-zA-Z0-9][a-zA-Z0-9_.-]\" are allowed. If you intended to pass a host directory, use absolute path");
    }

    /// <summary>The not-found error of a volume name, as dockerd words it.</summary>
    public static BeamException NotFound(string name) => BeamException.NotFound($"get {name}: no such volume");

    /// <summary>The error of a remove of a volume containers still mount.</summary>
    public static BeamException InUse(string name, IEnumerable<string> containerIds) =>
        BeamException.Conflict($"remove {name}: volume is in use - [{string.Join(", ", containerIds)}]");

    /// <summary>
    /// Checks a container's mounts as dockerd does: every target absolute, no target twice, a volume's source a valid
    /// name (or empty for an anonymous volume), a bind's source an absolute path.
    /// </summary>
    public static void Validate(IReadOnlyList<MountSpec> mounts)
    {
        ArgumentNullException.ThrowIfNull(mounts);
        var targets = new HashSet<string>(StringComparer.Ordinal);
        foreach (var mount in mounts)
        {
            var type = mount.Type.ToString().ToLowerInvariant();
            if (mount.Target.Length == 0)
            {
                throw BeamException.Invalid($"invalid mount config for type \"{type}\": field Target must not be empty");
            }

            if (!mount.Target.StartsWith('/'))
            {
                throw BeamException.Invalid($"invalid mount config for type \"{type}\": invalid mount path: '{mount.Target}' mount path must be absolute");
            }

            if (!targets.Add(mount.Target.TrimEnd('/') is { Length: > 0 } t ? t : "/"))
            {
                throw BeamException.Invalid($"Duplicate mount point: {mount.Target}");
            }

            switch (mount.Type)
            {
                case MountType.Volume when mount.Source.Length > 0:
                    ValidateName(mount.Source);
                    break;
                case MountType.Bind when !mount.Source.StartsWith('/'):
                    throw BeamException.Invalid($"invalid mount config for type \"bind\": invalid mount path: '{mount.Source}' mount path must be absolute");
                case MountType.Tmpfs when mount.Source.Length > 0:
                    throw BeamException.Invalid("invalid mount config for type \"tmpfs\": field Source must not be specified");
                default:
                    break;
            }
        }
    }

    [GeneratedRegex("^[a-zA-Z0-9][a-zA-Z0-9_.-]+$", RegexOptions.CultureInvariant)]
    private static partial Regex ValidName();
}
