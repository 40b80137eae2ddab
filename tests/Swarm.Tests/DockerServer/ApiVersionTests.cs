using Swarm.Backends.DockerServer.Http;

namespace Swarm.Tests.DockerServer;

public sealed class ApiVersionTests
{
    [TestCase("/v1.50/containers/json", "1.50", "/containers/json")]
    [TestCase("/v1.9/_ping", "1.9", "/_ping")]
    [TestCase("/v1.41", "1.41", "")]
    public void TrySplit_VersionedPath_VersionAndRest(string path, string version, string rest)
    {
        Assert.That(ApiVersion.TrySplit(path, out var v, out var r), Is.True);
        Assert.That((v, r), Is.EqualTo((version, rest)));
    }

    [TestCase("/containers/json")]
    [TestCase("/volumes/x")]
    [TestCase("/v1x/_ping")]
    public void TrySplit_UnversionedPath_False(string path) =>
        Assert.That(ApiVersion.TrySplit(path, out _, out _), Is.False);

    [Test]
    public void Reject_TooOld_DockerdMessage() =>
        Assert.That(ApiVersion.Reject("1.23"), Is.EqualTo(
            "client version 1.23 is too old. Minimum supported API version is 1.24, please upgrade your client to a newer version"));

    [Test]
    public void Reject_TooNew_DockerdMessage() =>
        Assert.That(ApiVersion.Reject("1.51"), Is.EqualTo("client version 1.51 is too new. Maximum supported API version is 1.50"));

    [TestCase("1.24")]
    [TestCase("1.41")]
    [TestCase("1.50")]
    public void Reject_InRange_Null(string version) => Assert.That(ApiVersion.Reject(version), Is.Null);

    [Test]
    public void Compare_NumericParts_OneNineOlderThanOneTwentyFour() =>
        Assert.That(ApiVersion.Compare("1.9", "1.24"), Is.Negative);
}
