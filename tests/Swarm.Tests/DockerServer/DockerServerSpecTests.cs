using Swarm.Backends.DockerServer;
using Swarm.Core.Backends;

namespace Swarm.Tests.DockerServer;

public sealed class DockerServerSpecTests
{
    [Test]
    public void Parse_NoArguments_ListensOnLocalhost4243()
    {
        var options = DockerServerOptions.Parse(BackendSpec.Parse("dockerserver"));

        Assert.That(options.Listeners, Has.Count.EqualTo(1));
        Assert.That(options.Listeners[0].ToString(), Is.EqualTo("tcp://localhost:4243"));
        Assert.That(options.Listeners[0].IsLoopback, Is.True);
        Assert.That(options.Tls, Is.Null);
    }

    [Test]
    public void Parse_SeveralListeners_KeepsEachInOrder()
    {
        var options = DockerServerOptions.Parse(BackendSpec.Parse("dockerserver tcp://0.0.0.0:9999 unix:///tmp/x.sock tcp://[::1]:2375"));

        Assert.That(options.Listeners.Select(l => l.ToString()), Is.EqualTo(new[] { "tcp://0.0.0.0:9999", "unix:///tmp/x.sock", "tcp://[::1]:2375" }));
        Assert.That(options.Listeners.Select(l => l.IsLoopback), Is.EqualTo(new[] { false, true, true }));
    }

    [TestCase("http://localhost:4243")]
    [TestCase("tcp://localhost:notaport")]
    [TestCase("unix://")]
    [TestCase("--tlsverify=maybe")]
    [TestCase("--bogus")]
    public void Parse_BadArgument_SpecErrorNamingIt(string argument)
    {
        var error = Assert.Throws<SwarmSpecException>(() => DockerServerOptions.Parse(BackendSpec.Parse($"dockerserver '{argument}'")));

        Assert.That(error!.Message, Does.StartWith("dockerserver"));
    }

    [Test]
    public void Parse_TlsVerifyWithMissingFiles_SpecErrorNamingTheFile()
    {
        var error = Assert.Throws<SwarmSpecException>(() => DockerServerOptions.Parse(BackendSpec.Parse(
            "dockerserver tcp://127.0.0.1:0 --tlsverify --tlscacert=/nonexistent/ca.pem --tlscert=/nonexistent/cert.pem --tlskey=/nonexistent/key.pem")));

        Assert.That(error!.Message, Does.Contain("/nonexistent/cert.pem"));
    }
}
