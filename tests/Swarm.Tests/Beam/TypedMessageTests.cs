using System.Collections.Immutable;
using Swarm.Core.Beam;
using Swarm.Core.Containers;
using Swarm.Tests.Conformance;

namespace Swarm.Tests.Beam;

public sealed class TypedMessageTests
{
    [Test]
    public void Args_TypedMessage_RenderedOnceOnFirstRead()
    {
        var renders = 0;
        var message = Message.Typed(Verb.Set, new[] { "a", "b" }, v =>
        {
            renders++;
            return [.. (string[])v];
        });

        Assert.That(renders, Is.Zero, "nothing rendered until read");
        Assert.That(message.Args, Is.EqualTo(new[] { "a", "b" }));
        Assert.That(message.Args, Is.EqualTo(new[] { "a", "b" }));
        Assert.That(renders, Is.EqualTo(1));
    }

    [Test]
    public void With_TypedMessage_KeepsPayloadAndArgs()
    {
        var message = Message.Typed(Verb.Set, "payload", v => ImmutableArray.Create((string)v));

        var copy = message with { Ret = null };

        Assert.That(copy.Payload, Is.EqualTo("payload"));
        Assert.That(copy.Args, Is.EqualTo(new[] { "payload" }));
    }

    [Test]
    public async Task Ls_ReadAsStrings_SameRecordsAsTyped()
    {
        await using var chain = await TestChains.StartAsync("debug", "simulator");
        var host = new ContainerHostClient(chain.Input);
        await host.SpawnAsync(new ContainerSpec { Name = "one", Image = "cirros", Labels = new Dictionary<string, string> { ["k"] = "v" } });
        await host.SpawnAsync(new ContainerSpec { Name = "two", Image = "busybox" });

        var typed = await host.LsAsync();
        var raw = await new BeamClient(chain.Input).CallAsync(Verb.Ls, [], CancellationToken.None);
        var parsed = raw.Args.Select(BeamJson.Read<ContainerRecord>).ToList();

        Assert.That(parsed.Select(r => (r.Id, r.Name, r.Image, r.State.Status)), Is.EqualTo(typed.Select(r => (r.Id, r.Name, r.Image, r.State.Status))));
        Assert.That(parsed.Single(r => r.Name == "one").Labels["k"], Is.EqualTo("v"));
    }
}
