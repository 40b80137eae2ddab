using Swarm.Core.Backends.Simulator;
using Swarm.Core.Containers;
using Swarm.Tests.Support;

namespace Swarm.Tests.Backends;

/// <summary>
/// The simulator builds a container's record once per change, not once per listing (docs/benchmarks.md): while nothing
/// changes it answers the same records and the same list, and every change shows in the next listing.
/// </summary>
public sealed class SimulatorListingTests
{
    private static readonly CancellationToken None = CancellationToken.None;

    [Test]
    public async Task ListAsync_NothingChanged_SameListAndRecordsAsResolve()
    {
        var host = new SimulatorHost(new SimulatorOptions(), TimeProvider.System);
        var a = await host.CreateAsync(new ContainerSpec { Image = "cirros", Name = "web", Cmd = ["sleep", "60"] }, None);
        await host.StartAsync(a, None);
        await host.CreateAsync(new ContainerSpec { Image = "cirros", Name = "db" }, None);

        var first = await host.ListAsync(None);
        var second = await host.ListAsync(None);
        var resolved = await host.ResolveAsync("web", None);

        Assert.That(second, Is.SameAs(first));
        Assert.That(resolved.Record, Is.SameAs(first.Single(r => r.Name == "web")));
        Assert.That(await host.GetAsync(resolved, None), Is.SameAs(resolved.Record));
    }

    [Test]
    public async Task ListAsync_AfterEachChange_ShowsIt()
    {
        var host = new SimulatorHost(new SimulatorOptions(), TimeProvider.System);
        var a = await host.CreateAsync(new ContainerSpec { Image = "cirros", Name = "web", Cmd = ["sleep", "60"] }, None);
        var before = await Listed(host, "web");

        await host.StartAsync(a, None);
        var started = await Listed(host, "web");
        Assert.That(started.State.Status, Is.EqualTo(ContainerStatus.Running));
        Assert.That(started.State.StartedAt, Is.Not.Null);

        await host.PauseAsync(a, None);
        Assert.That((await Listed(host, "web")).State.Status, Is.EqualTo(ContainerStatus.Paused));
        await host.UnpauseAsync(a, None);
        Assert.That((await Listed(host, "web")).State.Status, Is.EqualTo(ContainerStatus.Running));

        await host.RenameAsync(a, "renamed", None);
        Assert.That((await host.ListAsync(None)).Select(r => r.Name), Is.EqualTo(new[] { "renamed" }));

        await host.CreateNetworkAsync(new NetworkSpec { Name = "extra" }, None);
        await host.ConnectNetworkAsync(a, new EndpointSpec { Network = "extra" }, None);
        Assert.That((await Listed(host, "renamed")).Networks.Select(e => e.Network), Is.EqualTo(new[] { "bridge", "extra" }));
        await host.DisconnectNetworkAsync(a, "extra", force: false, None);
        Assert.That((await Listed(host, "renamed")).Networks.Select(e => e.Network), Is.EqualTo(new[] { "bridge" }));

        await host.RestartAsync(a, TimeSpan.Zero, None);
        Assert.That((await Listed(host, "renamed")).RestartCount, Is.EqualTo(1));

        await host.StopAsync(a, TimeSpan.Zero, None);
        var stopped = await Listed(host, "renamed");
        Assert.That(stopped.State.Status, Is.EqualTo(ContainerStatus.Exited));
        Assert.That(stopped.State.ExitCode, Is.EqualTo(143));
        Assert.That(stopped.State.FinishedAt, Is.Not.Null);

        var b = await host.CreateAsync(new ContainerSpec { Image = "cirros", Name = "db" }, None);
        Assert.That((await host.ListAsync(None)).Select(r => r.Name), Is.EquivalentTo(new[] { "renamed", "db" }));
        await host.DeleteAsync(b, force: false, None);
        Assert.That((await host.ListAsync(None)).Select(r => r.Name), Is.EqualTo(new[] { "renamed" }));
        Assert.That(before.State.Status, Is.EqualTo(ContainerStatus.Created), "a record handed out before the changes is unchanged");
    }

    [Test]
    public async Task ListAsync_ProgramExitsOnItsOwn_ShowsExited()
    {
        var host = new SimulatorHost(new SimulatorOptions(), TimeProvider.System);
        var a = await host.CreateAsync(new ContainerSpec { Image = "cirros", Name = "web", Cmd = ["sh", "-c", "exit 3"] }, None);
        await host.StartAsync(a, None);
        await host.ListAsync(None);

        await WaitFor.TaskAsync(host.WaitAsync(a, WaitCondition.NotRunning, None), "the program to exit");

        var exited = await Listed(host, "web");
        Assert.That(exited.State.Status, Is.EqualTo(ContainerStatus.Exited));
        Assert.That(exited.State.ExitCode, Is.EqualTo(3));
    }

    private static async Task<ContainerRecord> Listed(SimulatorHost host, string name) =>
        (await host.ListAsync(None)).Single(r => r.Name == name);
}
