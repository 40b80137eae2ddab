using Swarm.Backends.Openstack.Cloud;
using Swarm.Backends.Openstack.Image.V2;
using Swarm.Core.Beam;
using Swarm.Core.Containers;

namespace Swarm.Backends.Openstack.Containers;

/// <summary>
/// Glance images for Docker: resolves references (<c>cirros</c>, <c>cirros:latest</c>, <c>name:tag</c>, an id) and
/// names image ids in listings. Owns two caches, each an immutable snapshot swapped whole (no torn reads) and
/// refreshed by one caller at a time: resolved references for <see cref="ReferenceLifetime"/> (so a burst of
/// creates asks Glance once), and id → name from whole listings for <see cref="NamesLifetime"/>.
/// A create that Nova refuses for its image calls <see cref="Forget"/>, so a replaced image is found again.
/// </summary>
internal sealed class ImageResolver(OpenstackCloud cloud, TimeProvider time) : IDisposable
{
    public static readonly TimeSpan ReferenceLifetime = TimeSpan.FromSeconds(60);
    public static readonly TimeSpan NamesLifetime = TimeSpan.FromMinutes(5);

    private readonly SemaphoreSlim _refresh = new(1, 1);
    private volatile Snapshot<string, GlanceImage> _resolved = Snapshot<string, GlanceImage>.Empty;
    private volatile Snapshot<string, string> _names = Snapshot<string, string>.Empty;

    /// <summary>Every active image.</summary>
    public async Task<IReadOnlyList<ImageRecord>> ListAsync(CancellationToken cancellationToken)
    {
        var all = await (await cloud.ImagesAsync(cancellationToken).ConfigureAwait(false)).ListAsync(null, cancellationToken).ConfigureAwait(false);
        _names = Snapshot<string, string>.Of(all.ToDictionary(i => i.Id, i => i.Name ?? i.Id, StringComparer.Ordinal), time.GetUtcNow());
        return [.. all.Where(Active).Select(ToImage)];
    }

    /// <summary>The image a reference names, as Docker shows it.</summary>
    public async Task<ImageRecord> GetAsync(string reference, CancellationToken cancellationToken) =>
        ToImage(await ResolveAsync(reference, cancellationToken).ConfigureAwait(false));

    /// <summary>
    /// A Glance image by id, by name, or by <c>name:tag</c> (tag <c>latest</c> is ignored; another tag must be a
    /// Glance tag of the image). Several with one name: the newest active one. Unknown: not found.
    /// </summary>
    public async Task<GlanceImage> ResolveAsync(string reference, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        if (_resolved.TryGet(reference, now, ReferenceLifetime, out var cached))
        {
            return cached;
        }

        var found = await LookUpAsync(reference, cancellationToken).ConfigureAwait(false);
        _resolved = _resolved.With(reference, found, now, ReferenceLifetime);
        return found;
    }

    /// <summary>Drops what is known of a reference (Nova refused the image it resolved to).</summary>
    public void Forget(string reference) => _resolved = _resolved.Without(reference);

    /// <summary>The name of an image id from the last listing, or null.</summary>
    public string? NameOf(string id) => _names.TryGetAny(id, out var name) ? name : null;

    /// <summary>Makes sure <see cref="NameOf"/> knows every image, listing Glance at most once per lifetime.</summary>
    public async Task EnsureNamesAsync(CancellationToken cancellationToken)
    {
        if (time.GetUtcNow() - _names.At < NamesLifetime)
        {
            return;
        }

        await _refresh.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (time.GetUtcNow() - _names.At >= NamesLifetime)
            {
                await ListAsync(cancellationToken).ConfigureAwait(false);
            }
        }
        finally
        {
            _refresh.Release();
        }
    }

    public void Dispose() => _refresh.Dispose();

    private async Task<GlanceImage> LookUpAsync(string reference, CancellationToken cancellationToken)
    {
        var images = await cloud.ImagesAsync(cancellationToken).ConfigureAwait(false);
        if (Guid.TryParse(reference, out _))
        {
            return await images.GetAsync(reference, cancellationToken).ConfigureAwait(false) is { } byId && Active(byId)
                ? byId
                : throw BeamException.NotFound($"No such image: {reference}");
        }

        var found = await images.ListAsync(reference, cancellationToken).ConfigureAwait(false);
        var colon = reference.LastIndexOf(':');
        if (found.Count == 0 && colon > 0 && colon > reference.LastIndexOf('/'))
        {
            var (name, tag) = (reference[..colon], reference[(colon + 1)..]);
            found = [.. (await images.ListAsync(name, cancellationToken).ConfigureAwait(false))
                .Where(i => tag == "latest" || (i.Tags?.Contains(tag, StringComparer.Ordinal) ?? false))];
        }

        return found.Where(Active).OrderByDescending(i => i.Created).FirstOrDefault()
            ?? throw BeamException.NotFound($"No such image: {reference}");
    }

    private static bool Active(GlanceImage image) => string.Equals(image.Status, "active", StringComparison.OrdinalIgnoreCase);

    private static ImageRecord ToImage(GlanceImage image) => new()
    {
        Id = image.Id,
        RepoTags = image.Name is { Length: > 0 } name ? [name.Contains(':', StringComparison.Ordinal) ? name : name + ":latest"] : [],
        Created = image.Created,
        Size = image.Size ?? 0,
        Os = "linux",
        Architecture = image.Architecture ?? "amd64",
        Labels = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["disk_format"] = image.DiskFormat ?? "",
            ["visibility"] = image.Visibility ?? "",
        },
    };
}
