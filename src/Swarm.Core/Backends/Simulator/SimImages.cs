using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Swarm.Core.Beam;
using Swarm.Core.Containers;

namespace Swarm.Core.Backends.Simulator;

/// <summary>The simulator's image catalogue and reference resolution (<c>cirros</c>, <c>cirros:latest</c>, ids).</summary>
internal sealed class SimImages
{
    private static readonly string[] BuiltIn = ["cirros:latest", "busybox:latest", "alpine:latest"];

    // Built on first use: hashing loads OpenSSL, which costs a Native AOT swarmd ~5 ms and 4 MB at start-up.
    private readonly Lazy<List<ImageRecord>> _catalogue;

    public SimImages(IEnumerable<string> extra, DateTimeOffset created)
    {
        var tags = BuiltIn.Concat(extra.Select(Normalize)).Distinct(StringComparer.Ordinal).ToList();
        _catalogue = new(() => [.. tags.Select(tag => new ImageRecord
        {
            Id = "sha256:" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(tag))),
            RepoTags = [tag],
            Created = created,
            Size = 12_000_000 + (tag.Length * 1_000_003 % 5_000_000),
            Cmd = DefaultCmd(tag),
        })]);
    }

    public IReadOnlyList<ImageRecord> All => _catalogue.Value;

    /// <summary>Finds an image by <c>name[:tag]</c> (with or without <c>docker.io/library/</c>), full id or id prefix.</summary>
    public ImageRecord Resolve(string reference)
    {
        var tag = Normalize(reference);
        var hex = reference.StartsWith("sha256:", StringComparison.Ordinal) ? reference[7..] : reference;
        return _catalogue.Value.FirstOrDefault(i => i.RepoTags.Contains(tag))
            ?? (hex.Length >= 4 && hex.All(char.IsAsciiHexDigitLower)
                ? _catalogue.Value.FirstOrDefault(i => i.Id.AsSpan(7).StartsWith(hex, StringComparison.Ordinal))
                : null)
            ?? throw BeamException.NotFound($"No such image: {reference}");
    }

    /// <summary>The command an image runs when the container names none.</summary>
    public static IReadOnlyList<string> DefaultCmd(ImageRecord image) => image.Cmd.Count > 0 ? image.Cmd : DefaultCmd(image.RepoTags.FirstOrDefault() ?? "");

    private static IReadOnlyList<string> DefaultCmd(string tag) => tag.StartsWith("cirros", StringComparison.Ordinal) ? ["/sbin/init"] : ["sh"];

    /// <summary>Parses <c>80/tcp</c> into a port, or null.</summary>
    public static PortMapping? ParsePort(string text)
    {
        var slash = text.IndexOf('/', StringComparison.Ordinal);
        var number = slash < 0 ? text : text[..slash];
        return int.TryParse(number, NumberStyles.None, CultureInfo.InvariantCulture, out var port)
            ? new PortMapping(port, slash < 0 ? "tcp" : text[(slash + 1)..])
            : null;
    }

    private static string Normalize(string reference)
    {
        var name = reference;
        foreach (var prefix in (string[])["docker.io/library/", "docker.io/", "library/"])
        {
            if (name.StartsWith(prefix, StringComparison.Ordinal))
            {
                name = name[prefix.Length..];
                break;
            }
        }

        var lastColon = name.LastIndexOf(':');
        return lastColon > name.LastIndexOf('/') ? name : name + ":latest";
    }
}
