using NUnit.Framework;
using Swarm.Core.Beam;

namespace Swarm.Testing;

/// <summary>The images role: the test image is listed and resolves by name, name:latest and id.</summary>
/// <typeparam name="TTarget">The backend under test.</typeparam>
public abstract class ImagesConformance<TTarget> : ConformanceFixture<TTarget>
    where TTarget : ConformanceTarget, new()
{
    /// <summary>The image is listed, and its name, name:latest and id all resolve to it.</summary>
    [Test]
    public async Task GetImage_NameTagOrId_SameImageAsListed()
    {
        var images = await Host.ListImagesAsync(Token());
        var byName = await Host.GetImageAsync(Target.Image, Token());
        var byTag = await Host.GetImageAsync(Target.Image + ":latest", Token());
        var byId = await Host.GetImageAsync(byName.Id, Token());

        Assert.That(images.Select(i => i.Id), Does.Contain(byName.Id));
        Assert.That(new[] { byTag.Id, byId.Id }, Is.All.EqualTo(byName.Id));
    }

    /// <summary>An unknown image is not found, naming it.</summary>
    [Test]
    public void GetImage_Unknown_IsNotFound()
    {
        var ex = Assert.ThrowsAsync<BeamException>(() => Host.GetImageAsync("no-such-image-xyz", Token()));

        Assert.That(ex!.Kind, Is.EqualTo(BeamErrorKind.NotFound));
        Assert.That(ex.Message, Does.Contain("no-such-image-xyz"));
    }
}
