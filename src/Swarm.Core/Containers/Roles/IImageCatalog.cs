namespace Swarm.Core.Containers;

/// <summary>The images role: the images containers can be created from.</summary>
public interface IImageCatalog
{
    /// <summary>Every image (verb Images with no reference).</summary>
    Task<IReadOnlyList<ImageRecord>> ListImagesAsync(CancellationToken cancellationToken);

    /// <summary>Resolves an image reference (<c>cirros</c>, <c>cirros:latest</c>, an id); not found otherwise (verb Images with a reference).</summary>
    Task<ImageRecord> GetImageAsync(string reference, CancellationToken cancellationToken);
}
