using NUnit.Framework;
using Swarm.Core.Beam;
using Swarm.Core.Containers;

namespace Swarm.Testing;

/// <summary>The lifecycle role: start, stop, restart, kill, pause, unpause, rename, wait, and delete of a running container.</summary>
/// <typeparam name="TTarget">The backend under test.</typeparam>
public abstract class LifecycleConformance<TTarget> : ConformanceFixture<TTarget>
    where TTarget : ConformanceTarget, new()
{
    /// <summary>The first start after a create answers changed; a second start is not modified.</summary>
    [Test]
    public async Task Start_AfterCreate_ChangedThenNotModified()
    {
        var container = await CreateAsync(UniqueName());

        var first = await Host.StartAsync(container, Token());
        var second = await Host.StartAsync(container, Token());
        var record = await Host.GetAsync(container, Token());

        Assert.That(first, Is.True, "the first start after a create starts it");
        Assert.That(second, Is.False, "a start of a running container is not modified");
        Assert.That(record.State.Status, Is.EqualTo(ContainerStatus.Running));
    }

    /// <summary>Stop answers changed once it has stopped; a second stop is not modified.</summary>
    [Test]
    public async Task Stop_Running_IsExitedAndSecondStopNotModified()
    {
        var container = await CreateAsync(UniqueName());
        await Host.StartAsync(container, Token());

        var first = await Host.StopAsync(container, null, Token());
        var second = await Host.StopAsync(container, null, Token());
        var record = await Host.GetAsync(container, Token());

        Assert.That(first, Is.True);
        Assert.That(second, Is.False);
        Assert.That(record.State.Status, Is.EqualTo(ContainerStatus.Exited));
    }

    /// <summary>A stopped container starts again.</summary>
    [Test]
    public async Task Start_Stopped_IsRunningAgain()
    {
        var container = await CreateAsync(UniqueName());
        await Host.StartAsync(container, Token());
        await Host.StopAsync(container, null, Token());

        var changed = await Host.StartAsync(container, Token());
        var record = await Host.GetAsync(container, Token());

        Assert.That(changed, Is.True);
        Assert.That(record.State.Status, Is.EqualTo(ContainerStatus.Running));
    }

    /// <summary>Delete without force of a running container is a conflict and keeps it.</summary>
    [Test]
    public async Task Delete_RunningWithoutForce_IsConflictAndKeepsIt()
    {
        var container = await CreateAsync(UniqueName());
        await Host.StartAsync(container, Token());

        var ex = Assert.ThrowsAsync<BeamException>(() => Host.DeleteAsync(container, force: false, Token()));
        var listed = await Host.ListAsync(Token());

        Assert.That(ex!.Kind, Is.EqualTo(BeamErrorKind.Conflict));
        Assert.That(listed.Select(c => c.Id), Does.Contain(container.Id));
    }

    /// <summary>A stopped container is removed without force.</summary>
    [Test]
    public async Task Delete_Stopped_IsGone()
    {
        var container = await CreateAsync(UniqueName());
        await Host.StartAsync(container, Token());
        await Host.StopAsync(container, null, Token());

        await Host.DeleteAsync(container, force: false, Token());
        var ex = Assert.ThrowsAsync<BeamException>(() => Host.GetAsync(container, Token()));

        Assert.That(ex!.Kind, Is.EqualTo(BeamErrorKind.NotFound));
    }

    /// <summary>Rename to a free name: found and described by the new name.</summary>
    [Test]
    public async Task Rename_FreeName_IsDescribedByNewName()
    {
        var container = await CreateAsync(UniqueName());
        var newName = UniqueName();

        await Host.RenameAsync(container, newName, Token());
        var byNewName = await Host.ResolveAsync(newName, Token());

        Assert.That(byNewName.Id, Is.EqualTo(container.Id));
        Assert.That((await Host.GetAsync(container, Token())).Name, Is.EqualTo(newName));
    }

    /// <summary>Rename to a name in use is a conflict.</summary>
    [Test]
    public async Task Rename_NameInUse_IsConflict()
    {
        var first = await CreateAsync(UniqueName());
        var taken = UniqueName();
        await CreateAsync(taken);

        var ex = Assert.ThrowsAsync<BeamException>(() => Host.RenameAsync(first, taken, Token()));

        Assert.That(ex!.Kind, Is.EqualTo(BeamErrorKind.Conflict));
    }

    /// <summary>Pause then unpause: paused, then running.</summary>
    [Test]
    public async Task PauseUnpause_Running_ChangesStateBothWays()
    {
        var container = await CreateAsync(UniqueName());
        await Host.StartAsync(container, Token());

        await Host.PauseAsync(container, Token());
        var paused = (await Host.GetAsync(container, Token())).State.Status;
        await Host.UnpauseAsync(container, Token());
        var running = (await Host.GetAsync(container, Token())).State.Status;

        Assert.That(paused, Is.EqualTo(ContainerStatus.Paused));
        Assert.That(running, Is.EqualTo(ContainerStatus.Running));
    }

    /// <summary>Pause of a stopped container is a conflict.</summary>
    [Test]
    public async Task Pause_Stopped_IsConflict()
    {
        var container = await CreateAsync(UniqueName());
        await Host.StartAsync(container, Token());
        await Host.StopAsync(container, null, Token());

        var ex = Assert.ThrowsAsync<BeamException>(() => Host.PauseAsync(container, Token()));

        Assert.That(ex!.Kind, Is.EqualTo(BeamErrorKind.Conflict));
    }

    /// <summary>Restart leaves a running container running.</summary>
    [Test]
    public async Task Restart_Running_IsRunning()
    {
        var container = await CreateAsync(UniqueName());
        await Host.StartAsync(container, Token());

        await Host.RestartAsync(container, null, Token());

        Assert.That((await Host.GetAsync(container, Token())).State.Status, Is.EqualTo(ContainerStatus.Running));
    }

    /// <summary>Kill stops a running container; killing it again is a conflict.</summary>
    [Test]
    public async Task Kill_Running_IsExitedAndSecondKillConflict()
    {
        var container = await CreateAsync(UniqueName());
        await Host.StartAsync(container, Token());

        await Host.KillAsync(container, SignalBody.DefaultSignal, Token());
        var ex = Assert.ThrowsAsync<BeamException>(() => Host.KillAsync(container, SignalBody.DefaultSignal, Token()));

        Assert.That((await Host.GetAsync(container, Token())).State.Status, Is.EqualTo(ContainerStatus.Exited));
        Assert.That(ex!.Kind, Is.EqualTo(BeamErrorKind.Conflict));
    }

    /// <summary>Wait for not-running on a stopped container answers at once.</summary>
    [Test]
    public async Task Wait_Stopped_AnswersAtOnce()
    {
        var container = await CreateAsync(UniqueName());
        await Host.StartAsync(container, Token());
        await Host.StopAsync(container, null, Token());

        var result = await Host.WaitAsync(container, WaitCondition.NotRunning, Token());

        Assert.That(result.Error, Is.Null);
    }

    /// <summary>A wait sent before a stop answers once the container has stopped.</summary>
    [Test]
    public async Task Wait_ThenStop_AnswersAfterTheStop()
    {
        var container = await CreateAsync(UniqueName());
        await Host.StartAsync(container, Token());

        var waiting = Host.WaitAsync(container, WaitCondition.NotRunning, Token());
        await Host.StopAsync(container, null, Token());
        var result = await waiting.WaitAsync(Target.CallTimeout);

        Assert.That(result.Error, Is.Null);
        Assert.That((await Host.GetAsync(container, Token())).State.Status, Is.EqualTo(ContainerStatus.Exited));
    }

    /// <summary>A wait for removal answers once the container is deleted.</summary>
    [Test]
    public async Task Wait_Removed_AnswersAfterDelete()
    {
        var container = await CreateAsync(UniqueName());
        await Host.StartAsync(container, Token());

        var waiting = Host.WaitAsync(container, WaitCondition.Removed, Token());
        await Host.DeleteAsync(container, force: true, Token());

        Assert.That(async () => await waiting.WaitAsync(Target.CallTimeout), Throws.Nothing);
    }
}
