using Swarm.Core.Beam;
using Swarm.Core.Containers;

namespace Swarm.Tests.Conformance;

/// <summary>
/// The verb contract every container backend honours, driven through Beam (a <see cref="ContainerHostClient"/>
/// on the instance's input). A backend proves itself by inheriting this fixture and saying how to make an
/// instance. Each test names its containers uniquely and removes them afterwards.
/// </summary>
public abstract class BackendConformanceTests
{
    private readonly List<ContainerClient> _created = [];

    /// <summary>The instance under test; made once per fixture.</summary>
    protected ContainerHostClient Host { get; private set; } = null!;

    /// <summary>An image the backend has.</summary>
    protected virtual string Image => "cirros";

    /// <summary>How long one lifecycle call may take on this backend.</summary>
    protected virtual TimeSpan CallTimeout => TimeSpan.FromSeconds(30);

    /// <summary>Makes the instance under test and returns a client for it and something to dispose after.</summary>
    protected abstract Task<(ContainerHostClient Client, IAsyncDisposable Lifetime)> CreateHostAsync();

    private IAsyncDisposable? _lifetime;

    [OneTimeSetUp]
    public async Task StartHost()
    {
        (Host, _lifetime) = await CreateHostAsync();
    }

    [OneTimeTearDown]
    public async Task StopHost()
    {
        if (_lifetime is not null)
        {
            await _lifetime.DisposeAsync();
        }
    }

    [TearDown]
    public async Task RemoveCreated()
    {
        foreach (var container in _created)
        {
            try
            {
                using var cts = new CancellationTokenSource(CallTimeout * 2);
                await container.DeleteAsync(force: true, cts.Token);
            }
            catch (BeamException ex) when (ex.Kind == BeamErrorKind.NotFound)
            {
                // Removed by the test itself.
            }
        }

        _created.Clear();
    }

    [Test]
    public async Task Spawn_NewName_IsListedAndDescribed()
    {
        var name = UniqueName();
        var container = await SpawnAsync(name);

        var listed = await Host.LsAsync(Token());
        var record = await container.GetAsync(Token());

        Assert.That(listed.Select(c => c.Name), Does.Contain(name));
        Assert.That(record.Id, Is.EqualTo(container.Id));
        Assert.That(record.Name, Is.EqualTo(name));
    }

    [Test]
    public async Task Spawn_NameInUse_IsConflict()
    {
        var name = UniqueName();
        await SpawnAsync(name);

        var ex = Assert.ThrowsAsync<BeamException>(() => Host.SpawnAsync(new ContainerSpec { Name = name, Image = Image }, Token()));

        Assert.That(ex!.Kind, Is.EqualTo(BeamErrorKind.Conflict));
        Assert.That(ex.Message, Does.Contain(name));
    }

    [Test]
    public void Spawn_UnknownImage_IsNotFoundNamingIt()
    {
        var ex = Assert.ThrowsAsync<BeamException>(() => Host.SpawnAsync(new ContainerSpec { Name = UniqueName(), Image = "no-such-image-xyz" }, Token()));

        Assert.That(ex!.Kind, Is.EqualTo(BeamErrorKind.NotFound));
        Assert.That(ex.Message, Does.Contain("no-such-image-xyz"));
    }

    [Test]
    public void Attach_UnknownName_IsNotFoundNamingIt()
    {
        var ex = Assert.ThrowsAsync<BeamException>(() => Host.AttachAsync("no-such-container-xyz", Token()));

        Assert.That(ex!.Kind, Is.EqualTo(BeamErrorKind.NotFound));
        Assert.That(ex.Message, Does.Contain("no-such-container-xyz"));
    }

    [Test]
    public async Task Attach_NameOrIdOrPrefix_ResolvesToSameContainer()
    {
        var name = UniqueName();
        var container = await SpawnAsync(name);

        var byName = await Host.AttachAsync(name, Token());
        var byId = await Host.AttachAsync(container.Id, Token());
        var byPrefix = await Host.AttachAsync(container.Id[..12], Token());

        Assert.That(new[] { byName.Id, byId.Id, byPrefix.Id }, Is.All.EqualTo(container.Id));
    }

    [Test]
    public async Task Start_Running_IsNotModified()
    {
        var container = await SpawnAsync(UniqueName());
        await container.StartAsync(Token());

        var changed = await container.StartAsync(Token());
        var record = await container.GetAsync(Token());

        Assert.That(changed, Is.False);
        Assert.That(record.State.Status, Is.EqualTo(ContainerStatus.Running));
    }

    [Test]
    public async Task Stop_Running_IsExitedAndSecondStopNotModified()
    {
        var container = await SpawnAsync(UniqueName());
        await container.StartAsync(Token());

        var first = await container.StopAsync(null, Token());
        var second = await container.StopAsync(null, Token());
        var record = await container.GetAsync(Token());

        Assert.That(first, Is.True);
        Assert.That(second, Is.False);
        Assert.That(record.State.Status, Is.EqualTo(ContainerStatus.Exited));
    }

    [Test]
    public async Task Start_Stopped_IsRunningAgain()
    {
        var container = await SpawnAsync(UniqueName());
        await container.StartAsync(Token());
        await container.StopAsync(null, Token());

        var changed = await container.StartAsync(Token());
        var record = await container.GetAsync(Token());

        Assert.That(changed, Is.True);
        Assert.That(record.State.Status, Is.EqualTo(ContainerStatus.Running));
    }

    [Test]
    public async Task Delete_RunningWithoutForce_IsConflictAndKeepsIt()
    {
        var container = await SpawnAsync(UniqueName());
        await container.StartAsync(Token());

        var ex = Assert.ThrowsAsync<BeamException>(() => container.DeleteAsync(force: false, Token()));
        var listed = await Host.LsAsync(Token());

        Assert.That(ex!.Kind, Is.EqualTo(BeamErrorKind.Conflict));
        Assert.That(listed.Select(c => c.Id), Does.Contain(container.Id));
    }

    [Test]
    public async Task Delete_Force_IsGone()
    {
        var name = UniqueName();
        var container = await SpawnAsync(name);
        await container.StartAsync(Token());

        await container.DeleteAsync(force: true, Token());
        var ex = Assert.ThrowsAsync<BeamException>(() => Host.AttachAsync(name, Token()));
        var listed = await Host.LsAsync(Token());

        Assert.That(ex!.Kind, Is.EqualTo(BeamErrorKind.NotFound));
        Assert.That(listed.Select(c => c.Id), Does.Not.Contain(container.Id));
    }

    [Test]
    public async Task Delete_Stopped_IsGone()
    {
        var container = await SpawnAsync(UniqueName());
        await container.StartAsync(Token());
        await container.StopAsync(null, Token());

        await container.DeleteAsync(force: false, Token());
        var ex = Assert.ThrowsAsync<BeamException>(() => container.GetAsync(Token()));

        Assert.That(ex!.Kind, Is.EqualTo(BeamErrorKind.NotFound));
    }

    [Test]
    public async Task Rename_FreeName_IsDescribedByNewName()
    {
        var container = await SpawnAsync(UniqueName());
        var newName = UniqueName();

        await container.RenameAsync(newName, Token());
        var byNewName = await Host.AttachAsync(newName, Token());

        Assert.That(byNewName.Id, Is.EqualTo(container.Id));
        Assert.That((await container.GetAsync(Token())).Name, Is.EqualTo(newName));
    }

    [Test]
    public async Task Rename_NameInUse_IsConflict()
    {
        var first = await SpawnAsync(UniqueName());
        var taken = UniqueName();
        await SpawnAsync(taken);

        var ex = Assert.ThrowsAsync<BeamException>(() => first.RenameAsync(taken, Token()));

        Assert.That(ex!.Kind, Is.EqualTo(BeamErrorKind.Conflict));
    }

    [Test]
    public async Task PauseUnpause_Running_ChangesStateBothWays()
    {
        var container = await SpawnAsync(UniqueName());
        await container.StartAsync(Token());

        await container.PauseAsync(Token());
        var paused = (await container.GetAsync(Token())).State.Status;
        await container.UnpauseAsync(Token());
        var running = (await container.GetAsync(Token())).State.Status;

        Assert.That(paused, Is.EqualTo(ContainerStatus.Paused));
        Assert.That(running, Is.EqualTo(ContainerStatus.Running));
    }

    [Test]
    public async Task Pause_Stopped_IsConflict()
    {
        var container = await SpawnAsync(UniqueName());
        await container.StartAsync(Token());
        await container.StopAsync(null, Token());

        var ex = Assert.ThrowsAsync<BeamException>(() => container.PauseAsync(Token()));

        Assert.That(ex!.Kind, Is.EqualTo(BeamErrorKind.Conflict));
    }

    [Test]
    public async Task Restart_Running_IsRunning()
    {
        var container = await SpawnAsync(UniqueName());
        await container.StartAsync(Token());

        await container.RestartAsync(null, Token());

        Assert.That((await container.GetAsync(Token())).State.Status, Is.EqualTo(ContainerStatus.Running));
    }

    [Test]
    public async Task Kill_Running_IsExited()
    {
        var container = await SpawnAsync(UniqueName());
        await container.StartAsync(Token());

        await container.KillAsync("SIGKILL", Token());

        Assert.That((await container.GetAsync(Token())).State.Status, Is.EqualTo(ContainerStatus.Exited));
    }

    [Test]
    public async Task Wait_Stopped_ReturnsAtOnce()
    {
        var container = await SpawnAsync(UniqueName());
        await container.StartAsync(Token());
        await container.StopAsync(null, Token());

        var result = await container.WaitAsync(WaitCondition.NotRunning, Token());

        Assert.That(result.Error, Is.Null);
    }

    [Test]
    public async Task Images_Listed_IncludeTheTestImage()
    {
        var images = await Host.ImagesAsync(Token());
        var image = await Host.GetImageAsync(Image, Token());

        Assert.That(images.Select(i => i.Id), Does.Contain(image.Id));
    }

    [Test]
    public async Task Get_OnInstance_DescribesHost()
    {
        var info = await Host.GetInfoAsync(Token());

        Assert.That(info.Driver, Is.Not.Empty);
    }

    /// <summary>A name no other test or run uses.</summary>
    protected static string UniqueName() => "conf-" + Guid.NewGuid().ToString("N")[..10];

    /// <summary>A token that gives up after <see cref="CallTimeout"/>: a hang fails the test instead of the run.</summary>
    protected CancellationToken Token() => new CancellationTokenSource(CallTimeout).Token;

    /// <summary>Spawns a container that the fixture removes after the test.</summary>
    protected async Task<ContainerClient> SpawnAsync(string name)
    {
        var container = await Host.SpawnAsync(new ContainerSpec { Name = name, Image = Image }, Token());
        _created.Add(container);
        return container;
    }
}
