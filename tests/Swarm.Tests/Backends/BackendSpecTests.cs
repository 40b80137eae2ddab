using Swarm.Core.Backends;

namespace Swarm.Tests.Backends;

public sealed class BackendSpecTests
{
    [TestCase("openstack --flavor=m1.tiny", "openstack", new[] { "--flavor=m1.tiny" })]
    [TestCase("dockerserver tcp://localhost:4245", "dockerserver", new[] { "tcp://localhost:4245" })]
    [TestCase("aggregate 'simulator --name=a' \"simulator --name=b\"", "aggregate", new[] { "simulator --name=a", "simulator --name=b" })]
    [TestCase("  simulator   ", "simulator", new string[0])]
    [TestCase("x a\\ b 'it''s' \"q\\\"d\"", "x", new[] { "a b", "its", "q\"d" })]
    public void Parse_ShellQuoting_SplitsLikeAShell(string text, string name, string[] args)
    {
        var spec = BackendSpec.Parse(text);

        Assert.That(spec.Name, Is.EqualTo(name));
        Assert.That(spec.Args, Is.EqualTo(args));
    }

    [TestCase("")]
    [TestCase("   ")]
    [TestCase("simulator 'open")]
    [TestCase("simulator \"open")]
    public void Parse_BadText_IsSpecError(string text)
    {
        Assert.That(() => BackendSpec.Parse(text), Throws.InstanceOf<SwarmSpecException>());
    }

    [Test]
    public void ToString_ArgumentWithSpaces_QuotesItBack()
    {
        var spec = BackendSpec.Parse("aggregate 'simulator --name=a'");

        Assert.That(BackendSpec.Parse(spec.ToString()), Is.EqualTo(spec).Using<BackendSpec>((a, b) => a.Name == b.Name && a.Args.SequenceEqual(b.Args)));
    }

    [Test]
    public void Options_BothSpellings_AreAccepted()
    {
        var options = SpecOptions.Parse(BackendSpec.Parse("openstack --flavor m1.tiny --image=cirros --all-servers pos"), ["flavor", "image"], ["all-servers"]);

        Assert.That(options.Get("flavor"), Is.EqualTo("m1.tiny"));
        Assert.That(options.Get("image"), Is.EqualTo("cirros"));
        Assert.That(options.Flag("all-servers"), Is.True);
        Assert.That(options.Positional, Is.EqualTo(new[] { "pos" }));
    }

    [Test]
    public void Options_Unknown_IsOneLineListingKnown()
    {
        var ex = Assert.Throws<SwarmSpecException>(() => SpecOptions.Parse(BackendSpec.Parse("openstack --flavour=x"), ["flavor"]));

        Assert.That(ex!.Message, Is.EqualTo("openstack: unknown option --flavour (known: --flavor=VALUE)"));
    }

    [Test]
    public void Options_ValueMissing_IsSpecError()
    {
        Assert.That(() => SpecOptions.Parse(BackendSpec.Parse("openstack --flavor"), ["flavor"]), Throws.InstanceOf<SwarmSpecException>().With.Message.Contains("needs a value"));
    }

    [TestCase("30", 30)]
    [TestCase("30s", 30)]
    [TestCase("5m", 300)]
    [TestCase("1h", 3600)]
    public void Duration_Units_AreSeconds(string text, int seconds)
    {
        var options = SpecOptions.Parse(BackendSpec.Parse($"x --t={text}"), ["t"]);

        Assert.That(options.Duration("t"), Is.EqualTo(TimeSpan.FromSeconds(seconds)));
    }

    [TestCase("", "needs a value")]
    [TestCase("s", "positive duration")]
    [TestCase("1e300", "at most 24h")]
    [TestCase("Infinity", "positive duration")]
    [TestCase("NaN", "positive duration")]
    [TestCase("100000h", "at most 24h")]
    [TestCase("-5", "positive duration")]
    [TestCase("0", "positive duration")]
    public void Duration_EmptyNonFiniteOrHuge_OneLineSpecError(string text, string expected)
    {
        var options = SpecOptions.Parse(BackendSpec.Parse($"x '--t={text}'"), ["t"]);

        Assert.That(() => options.Duration("t"), Throws.InstanceOf<SwarmSpecException>().With.Message.StartWith("x: --t ").And.Message.Contains(expected));
    }

    [Test]
    public void Duration_TwentyFourHours_Accepted()
    {
        var options = SpecOptions.Parse(BackendSpec.Parse("x --t=24h"), ["t"]);

        Assert.That(options.Duration("t"), Is.EqualTo(TimeSpan.FromHours(24)));
    }
}
