using Swarm.Backends.Openstack.Compute.V2;
using Swarm.Backends.Openstack.Containers;
using Swarm.Core.Beam;
using Swarm.Core.Containers;

namespace Swarm.Tests.Openstack;

/// <summary>Pure mappings: metadata, states, flavors, events, error bodies.</summary>
public sealed class OpenstackMappingTests
{
    [Test]
    public void Metadata_LongCmdAndEnv_RoundTripThroughChunks()
    {
        var longArg = new string('x', 600);
        var spec = new ContainerSpec
        {
            Image = "cirros",
            Cmd = ["echo", longArg],
            Env = ["A=1", "B=" + longArg],
            Labels = new Dictionary<string, string> { ["com.example.team"] = "blue" },
            Tty = true,
        };

        var meta = ServerMetadata.Build(spec);

        Assert.That(meta.Values, Has.All.Length.LessThanOrEqualTo(255));
        Assert.That(meta["swarm.managed"], Is.EqualTo("1"));
        Assert.That(ServerMetadata.Cmd(meta), Is.EqualTo(spec.Cmd));
        Assert.That(ServerMetadata.Env(meta), Is.EqualTo(spec.Env));
        Assert.That(ServerMetadata.Labels(meta), Is.EqualTo(spec.Labels));
        Assert.That(ServerMetadata.Tty(meta), Is.True);
    }

    [Test]
    public void Metadata_TooManyLabels_Invalid()
    {
        var labels = Enumerable.Range(0, 130).ToDictionary(i => $"l{i}", i => "v");

        var ex = Assert.Throws<BeamException>(() => ServerMetadata.Build(new ContainerSpec { Image = "cirros", Labels = labels }));

        Assert.That(ex!.Kind, Is.EqualTo(BeamErrorKind.Invalid));
        Assert.That(ex.Message, Does.Contain("128"));
    }

    [Test]
    public void Metadata_LabelValueTooLong_InvalidNamingLabel()
    {
        var ex = Assert.Throws<BeamException>(() => ServerMetadata.Build(new ContainerSpec
        {
            Image = "cirros",
            Labels = new Dictionary<string, string> { ["big"] = new string('v', 300) },
        }));

        Assert.That(ex!.Message, Does.Contain("'big'").And.Contain("255"));
    }

    [TestCase("ACTIVE", null, ContainerStatus.Running)]
    [TestCase("SHUTOFF", null, ContainerStatus.Exited)]
    [TestCase("PAUSED", null, ContainerStatus.Paused)]
    [TestCase("SUSPENDED", null, ContainerStatus.Paused)]
    [TestCase("BUILD", "spawning", ContainerStatus.Running)]
    [TestCase("REBOOT", "rebooting", ContainerStatus.Restarting)]
    [TestCase("HARD_REBOOT", "rebooting_hard", ContainerStatus.Restarting)]
    [TestCase("ERROR", null, ContainerStatus.Dead)]
    [TestCase("ACTIVE", "deleting", ContainerStatus.Removing)]
    public void State_NovaStatus_MapsToDocker(string status, string? task, ContainerStatus expected) =>
        Assert.That(ServerStates.Status(new Server { Id = "x", Status = status, TaskState = task }), Is.EqualTo(expected));

    [Test]
    public void State_Error_CarriesFaultMessage()
    {
        var state = ServerStates.State(new Server { Id = "x", Status = "ERROR", Fault = new ServerFault(500, "No valid host was found.", null) });

        Assert.That(state.Status, Is.EqualTo(ContainerStatus.Dead));
        Assert.That(state.Error, Is.EqualTo("No valid host was found."));
        Assert.That(state.ExitCode, Is.EqualTo(1));
    }

    [Test]
    public void Flavors_MemoryAndCpus_SmallestThatFits()
    {
        Flavor[] all = [new("1", "m1.tiny", 512, 1, 1), new("2", "m1.small", 2048, 1, 20), new("3", "m1.medium", 4096, 2, 40)];

        Assert.That(FlavorCatalog.Choose(new ContainerSpec { Image = "i", Memory = 1L << 30 }, "m1.tiny", all).Name, Is.EqualTo("m1.small"));
        Assert.That(FlavorCatalog.Choose(new ContainerSpec { Image = "i", NanoCpus = 1_500_000_000 }, null, all).Name, Is.EqualTo("m1.medium"));
        Assert.That(FlavorCatalog.Choose(new ContainerSpec { Image = "i", Labels = new Dictionary<string, string> { ["swarm.flavor"] = "m1.medium" } }, "m1.tiny", all).Name, Is.EqualTo("m1.medium"));
        Assert.That(FlavorCatalog.Choose(new ContainerSpec { Image = "i" }, "2", all).Name, Is.EqualTo("m1.small"));
        Assert.That(FlavorCatalog.Choose(new ContainerSpec { Image = "i" }, null, all).Name, Is.EqualTo("m1.tiny"));
        Assert.That(() => FlavorCatalog.Choose(new ContainerSpec { Image = "i", Memory = 64L << 30 }, null, all), Throws.TypeOf<BeamException>());
    }

    [Test]
    public void Events_Transitions_DockerActions()
    {
        static ServerEvents.Seen S(ContainerStatus s, string name = "web") => new("id", name, "cirros", s);
        var t = DateTimeOffset.UnixEpoch;

        Assert.That(ServerEvents.Between(null, S(ContainerStatus.Running), false, t).Select(e => e.Action), Is.EqualTo(new[] { "create", "start" }));
        Assert.That(ServerEvents.Between(S(ContainerStatus.Running), S(ContainerStatus.Exited), false, t).Select(e => e.Action), Is.EqualTo(new[] { "die", "stop" }));
        Assert.That(ServerEvents.Between(S(ContainerStatus.Running), S(ContainerStatus.Paused), false, t).Select(e => e.Action), Is.EqualTo(new[] { "pause" }));
        Assert.That(ServerEvents.Between(S(ContainerStatus.Paused), S(ContainerStatus.Running), false, t).Select(e => e.Action), Is.EqualTo(new[] { "unpause" }));
        Assert.That(ServerEvents.Between(S(ContainerStatus.Exited), S(ContainerStatus.Running), false, t).Select(e => e.Action), Is.EqualTo(new[] { "start" }));
        Assert.That(ServerEvents.Between(S(ContainerStatus.Running, "a"), S(ContainerStatus.Running, "b"), false, t).Single().Attributes["oldName"], Is.EqualTo("/a"));
        Assert.That(ServerEvents.Between(S(ContainerStatus.Running), S(ContainerStatus.Removing), true, t).Select(e => e.Action), Is.EqualTo(new[] { "die", "destroy" }));
        var killed = ServerEvents.Between(S(ContainerStatus.Running), S(ContainerStatus.Exited) with { ExitCode = 137 }, false, t).ToList();
        Assert.That(killed.Select(e => e.Action), Is.EqualTo(new[] { "kill", "die" }));
        Assert.That(killed[0].Attributes["signal"], Is.EqualTo("9"));
        Assert.That(killed[1].Attributes["exitCode"], Is.EqualTo("137"));
    }

    [TestCase(null, 0)]
    [TestCase("137", 137)]
    public void State_Shutoff_ExitCodeFromMetadata(string? recorded, int expected)
    {
        var meta = new Dictionary<string, string> { ["swarm.managed"] = "1" };
        if (recorded is not null)
        {
            meta["swarm.exit"] = recorded;
        }

        var state = ServerStates.State(new Server { Id = "x", Status = "SHUTOFF", Metadata = meta });

        Assert.That(state.Status, Is.EqualTo(ContainerStatus.Exited));
        Assert.That(state.ExitCode, Is.EqualTo(expected));
    }

    [Test]
    public void ErrorDetail_GlanceHtml_IsPlainText()
    {
        var detail = Swarm.Backends.Openstack.Http.OpenstackErrors.Detail(
            "<html>\n <head>\n  <title>404 Not Found</title>\n </head>\n <body>\n  <h1>404 Not Found</h1>\n  No image found with ID nonexist<br /><br />\n </body>\n</html>");

        Assert.That(detail, Is.EqualTo("404 Not Found No image found with ID nonexist"));
    }

    [Test]
    public void Microversion_ChoosesPreferredOrCloudMaximum()
    {
        Assert.That(Microversion.Choose("2.93"), Is.EqualTo("2.79"));
        Assert.That(Microversion.Choose("2.60"), Is.EqualTo("2.60"));
        Assert.That(Microversion.Choose("2.40"), Is.Null);
        Assert.That(Microversion.Choose(""), Is.Null);
    }
}
