using NUnit.Framework;
using Swarm.Core.Beam;
using Swarm.Core.Containers;

namespace Swarm.Testing;

/// <summary>The core every backend implements: info, list, resolve, get, create, delete.</summary>
/// <typeparam name="TTarget">The backend under test.</typeparam>
public abstract class ContainerHostConformance<TTarget> : ConformanceFixture<TTarget>
    where TTarget : ConformanceTarget, new()
{
    /// <summary>Create, then the container is listed and described under its name.</summary>
    [Test]
    public async Task Create_NewName_IsListedAndDescribed()
    {
        var name = UniqueName();
        var container = await CreateAsync(name);

        var listed = await Host.ListAsync(Token());
        var record = await Host.GetAsync(container, Token());

        Assert.That(listed.Select(c => c.Name), Does.Contain(name));
        Assert.That(record.Id, Is.EqualTo(container.Id));
        Assert.That(record.Name, Is.EqualTo(name));
        Assert.That(container.Record.Name, Is.EqualTo(name), "the handle carries the record");
    }

    /// <summary>A second create with a name in use is a conflict naming it.</summary>
    [Test]
    public async Task Create_NameInUse_IsConflict()
    {
        var name = UniqueName();
        await CreateAsync(name);

        var ex = Assert.ThrowsAsync<BeamException>(() => Host.CreateAsync(new ContainerSpec { Name = name, Image = Target.Image }, Token()));

        Assert.That(ex!.Kind, Is.EqualTo(BeamErrorKind.Conflict));
        Assert.That(ex.Message, Does.Contain(name));
    }

    /// <summary>A name outside Docker's rule is invalid, with Docker's message.</summary>
    [Test]
    public void Create_InvalidName_IsInvalid()
    {
        var ex = Assert.ThrowsAsync<BeamException>(() => Host.CreateAsync(new ContainerSpec { Name = "bad name!", Image = Target.Image }, Token()));

        Assert.That(ex!.Kind, Is.EqualTo(BeamErrorKind.Invalid));
        Assert.That(ex.Message, Does.Contain("Invalid container name"));
    }

    /// <summary>An unknown image is not found, naming it.</summary>
    [Test]
    public void Create_UnknownImage_IsNotFoundNamingIt()
    {
        var ex = Assert.ThrowsAsync<BeamException>(() => Host.CreateAsync(new ContainerSpec { Name = UniqueName(), Image = "no-such-image-xyz" }, Token()));

        Assert.That(ex!.Kind, Is.EqualTo(BeamErrorKind.NotFound));
        Assert.That(ex.Message, Does.Contain("no-such-image-xyz"));
    }

    /// <summary>An unknown name is not found, naming it.</summary>
    [Test]
    public void Resolve_UnknownName_IsNotFoundNamingIt()
    {
        var ex = Assert.ThrowsAsync<BeamException>(() => Host.ResolveAsync("no-such-container-xyz", Token()));

        Assert.That(ex!.Kind, Is.EqualTo(BeamErrorKind.NotFound));
        Assert.That(ex.Message, Does.Contain("no-such-container-xyz"));
    }

    /// <summary>Name, full id and a unique id prefix find the same container, and the handle carries its record.</summary>
    [Test]
    public async Task Resolve_NameOrIdOrPrefix_FindsSameContainer()
    {
        var name = UniqueName();
        var container = await CreateAsync(name);

        var byName = await Host.ResolveAsync(name, Token());
        var byId = await Host.ResolveAsync(container.Id, Token());
        var byPrefix = await Host.ResolveAsync(container.Id[..12], Token());

        Assert.That(new[] { byName.Id, byId.Id, byPrefix.Id }, Is.All.EqualTo(container.Id));
        Assert.That(new[] { byName.Record.Name, byId.Record.Name, byPrefix.Record.Name }, Is.All.EqualTo(name));
    }

    /// <summary>A forced delete removes the container: not found by name, not listed.</summary>
    [Test]
    public async Task Delete_Force_IsGone()
    {
        var name = UniqueName();
        var container = await CreateAsync(name);

        await Host.DeleteAsync(container, force: true, Token());
        var ex = Assert.ThrowsAsync<BeamException>(() => Host.ResolveAsync(name, Token()));
        var listed = await Host.ListAsync(Token());

        Assert.That(ex!.Kind, Is.EqualTo(BeamErrorKind.NotFound));
        Assert.That(listed.Select(c => c.Id), Does.Not.Contain(container.Id));
    }

    /// <summary>Get on a deleted container's handle is not found.</summary>
    [Test]
    public async Task Get_Deleted_IsNotFound()
    {
        var container = await CreateAsync(UniqueName());
        await Host.DeleteAsync(container, force: true, Token());

        var ex = Assert.ThrowsAsync<BeamException>(() => Host.GetAsync(container, Token()));

        Assert.That(ex!.Kind, Is.EqualTo(BeamErrorKind.NotFound));
    }

    /// <summary>Get on the instance describes the host.</summary>
    [Test]
    public async Task GetInfo_Instance_DescribesHost()
    {
        var info = await Host.GetInfoAsync(Token());

        Assert.That(info.Driver, Is.Not.Empty);
        Assert.That(info.Containers, Is.GreaterThanOrEqualTo(0));
    }
}
