using NUnit.Framework;
using Swarm.Core.Beam;
using Swarm.Core.Containers;

namespace Swarm.Testing;

/// <summary>
/// The volumes role: create, list, inspect and remove volumes with dockerd's rules and messages, containers that mount
/// a named volume (made on the spot when it does not exist) or an anonymous one, and a volume in use kept.
/// </summary>
/// <typeparam name="TTarget">The backend under test.</typeparam>
public abstract class VolumeConformance<TTarget> : ConformanceFixture<TTarget>
    where TTarget : ConformanceTarget, new()
{
    /// <summary>A new volume is listed, and inspect echoes its labels and options verbatim.</summary>
    [Test]
    public async Task CreateVolume_WithLabelsAndOptions_ListedAndEchoedVerbatim()
    {
        var name = UniqueName();
        var labels = new Dictionary<string, string>
        {
            ["com.docker.compose.project"] = "conf",
            ["com.docker.compose.volume"] = "data",
            ["com.docker.compose.version"] = "1.29.2",
        };

        var created = await CreateVolumeAsync(new VolumeSpec { Name = name, Labels = labels, DriverOpts = Target.VolumeOptions });
        var listed = await Host.ListVolumesAsync(Token());
        var inspected = await Host.GetVolumeAsync(name, Token());

        Assert.That(created.Name, Is.EqualTo(name));
        Assert.That(listed.Select(v => v.Name), Does.Contain(name));
        Assert.That(inspected.Labels, Is.EquivalentTo(labels));
        Assert.That(inspected.Options, Is.EquivalentTo(Target.VolumeOptions));
        Assert.That(inspected.Driver, Is.Not.Empty);
        Assert.That(inspected.Containers, Is.Empty);
        Assert.That(inspected.Anonymous, Is.False);
    }

    /// <summary>A create of a name in use answers the volume there is, as dockerd's does (compose relies on it).</summary>
    [Test]
    public async Task CreateVolume_NameInUse_AnswersTheSameVolume()
    {
        var name = UniqueName();
        var first = await CreateVolumeAsync(new VolumeSpec { Name = name, Labels = new Dictionary<string, string> { ["k"] = "1" } });

        var second = await Host.CreateVolumeAsync(new VolumeSpec { Name = name, Labels = new Dictionary<string, string> { ["k"] = "2" } }, Token());

        Assert.That(second.Name, Is.EqualTo(first.Name));
        Assert.That(second.Labels["k"], Is.EqualTo("1"), "the volume there is, unchanged");
        Assert.That((await Host.ListVolumesAsync(Token())).Count(v => v.Name == name), Is.EqualTo(1));
    }

    /// <summary>A create without a name gets a 64-character one.</summary>
    [Test]
    public async Task CreateVolume_NoName_GetsDockerStyleName()
    {
        var created = await CreateVolumeAsync(new VolumeSpec());

        Assert.That(created.Name, Does.Match("^[0-9a-f]{64}$"));
    }

    /// <summary>Bad names are refused with dockerd's messages; an unknown volume is not found.</summary>
    [Test]
    public void CreateOrGetVolume_BadNameOrUnknown_InvalidOrNotFound()
    {
        var bad = Assert.ThrowsAsync<BeamException>(() => Host.CreateVolumeAsync(new VolumeSpec { Name = "bad name!" }, Token()));
        var unknown = Assert.ThrowsAsync<BeamException>(() => Host.GetVolumeAsync("no-such-volume-xyz", Token()));
        var unknownRemove = Assert.ThrowsAsync<BeamException>(() => Host.DeleteVolumeAsync("no-such-volume-xyz", force: false, Token()));

        Assert.That(bad!.Kind, Is.EqualTo(BeamErrorKind.Invalid));
        Assert.That(bad.Message, Does.Contain("includes invalid characters for a local volume name"));
        Assert.That(unknown!.Kind, Is.EqualTo(BeamErrorKind.NotFound));
        Assert.That(unknown.Message, Is.EqualTo("get no-such-volume-xyz: no such volume"));
        Assert.That(unknownRemove!.Kind, Is.EqualTo(BeamErrorKind.NotFound));
    }

    /// <summary>
    /// A container mounting a named volume shows the mount; the volume lists the container and cannot be removed, even
    /// with force, until the container is gone; then it can.
    /// </summary>
    [Test]
    public async Task Create_WithNamedVolume_MountedAndInUseUntilContainerGone()
    {
        var volume = await CreateVolumeAsync(new VolumeSpec { Name = UniqueName() });
        var container = await CreateAsync(new ContainerSpec
        {
            Name = UniqueName(),
            Image = Target.Image,
            Mounts = [new MountSpec { Source = volume.Name, Target = "/data", ReadOnly = true, Mode = "ro" }],
        });

        var mount = (await Host.GetAsync(container, Token())).Mounts.Single();
        var inUse = await Host.GetVolumeAsync(volume.Name, Token());
        var refused = Assert.ThrowsAsync<BeamException>(() => Host.DeleteVolumeAsync(volume.Name, force: true, Token()));
        await Host.DeleteAsync(container, force: true, Token());
        await Host.DeleteVolumeAsync(volume.Name, force: false, Token());
        var gone = Assert.ThrowsAsync<BeamException>(() => Host.GetVolumeAsync(volume.Name, Token()));

        Assert.That((mount.Type, mount.Name, mount.Destination, mount.RW), Is.EqualTo((MountType.Volume, volume.Name, "/data", false)));
        Assert.That(mount.Source, Is.Not.Empty);
        Assert.That(inUse.Containers, Is.EqualTo(new[] { container.Id }));
        Assert.That(refused!.Kind, Is.EqualTo(BeamErrorKind.Conflict));
        Assert.That(refused.Message, Is.EqualTo($"remove {volume.Name}: volume is in use - [{container.Id}]"));
        Assert.That(gone!.Kind, Is.EqualTo(BeamErrorKind.NotFound));
    }

    /// <summary>A mount of a volume that does not exist creates it, as dockerd does; it outlives the container.</summary>
    [Test]
    public async Task Create_WithMissingNamedVolume_CreatesItAndItOutlivesTheContainer()
    {
        var name = UniqueName();
        TrackVolume(name);

        var container = await CreateAsync(new ContainerSpec { Name = UniqueName(), Image = Target.Image, Mounts = [new MountSpec { Source = name, Target = "/data" }] });
        var made = await Host.GetVolumeAsync(name, Token());
        await Host.DeleteAsync(container, force: true, Token());
        var after = await Host.GetVolumeAsync(name, Token());

        Assert.That(made.Anonymous, Is.False);
        Assert.That(made.Containers, Is.EqualTo(new[] { container.Id }));
        Assert.That(after.Containers, Is.Empty);
    }

    /// <summary>An anonymous volume gets a 64-character name and the anonymous label; a container with --rm takes it along, one without leaves it.</summary>
    [Test]
    public async Task Create_WithAnonymousVolume_AutoRemoveTakesItAndPlainRemoveKeepsIt()
    {
        var kept = await CreateAsync(new ContainerSpec { Name = UniqueName(), Image = Target.Image, Mounts = [new MountSpec { Target = "/cache" }] });
        var taken = await CreateAsync(new ContainerSpec { Name = UniqueName(), Image = Target.Image, AutoRemove = true, Mounts = [new MountSpec { Target = "/cache" }] });
        var keptVolume = (await Host.GetAsync(kept, Token())).Mounts.Single().Name;
        var takenVolume = (await Host.GetAsync(taken, Token())).Mounts.Single().Name;
        TrackVolume(keptVolume);
        TrackVolume(takenVolume);

        var anonymous = await Host.GetVolumeAsync(takenVolume, Token());
        await Host.DeleteAsync(kept, force: true, Token());
        await Host.DeleteAsync(taken, force: true, Token());
        var names = (await Host.ListVolumesAsync(Token())).Select(v => v.Name).ToList();

        Assert.That(takenVolume, Does.Match("^[0-9a-f]{64}$"));
        Assert.That(anonymous.Anonymous, Is.True);
        Assert.That(names, Does.Contain(keptVolume).And.Not.Contain(takenVolume));
    }

    /// <summary>Mount paths follow Docker's rules: absolute, and each once.</summary>
    [Test]
    public void Create_RelativeOrDuplicateMountPath_Invalid()
    {
        var relative = Assert.ThrowsAsync<BeamException>(() => CreateAsync(new ContainerSpec { Name = UniqueName(), Image = Target.Image, Mounts = [new MountSpec { Source = "vol", Target = "data" }] }));
        var twice = Assert.ThrowsAsync<BeamException>(() => CreateAsync(new ContainerSpec
        {
            Name = UniqueName(),
            Image = Target.Image,
            Mounts = [new MountSpec { Target = "/data" }, new MountSpec { Target = "/data" }],
        }));

        Assert.That(relative!.Kind, Is.EqualTo(BeamErrorKind.Invalid));
        Assert.That(relative.Message, Does.Contain("mount path must be absolute"));
        Assert.That(twice!.Kind, Is.EqualTo(BeamErrorKind.Invalid));
        Assert.That(twice.Message, Is.EqualTo("Duplicate mount point: /data"));
    }
}
