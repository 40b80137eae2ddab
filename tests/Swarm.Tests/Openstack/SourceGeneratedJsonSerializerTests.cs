using Swarm.Backends.Openstack.Http;

namespace Swarm.Tests.Openstack;

/// <summary>The serializer every OpenStack Flurl client is configured with: the source-generated context, never reflection.</summary>
public sealed class SourceGeneratedJsonSerializerTests
{
    [Test]
    public void Serialize_ContextType_RoundTrips()
    {
        var serializer = SourceGeneratedJsonSerializer.Openstack;

        var json = serializer.Serialize(new List<string> { "a", "b" });
        using var stream = new MemoryStream(System.Text.Encoding.UTF8.GetBytes(json));

        Assert.That(json, Is.EqualTo("""["a","b"]"""));
        Assert.That(serializer.Deserialize<List<string>>(json), Is.EqualTo(new[] { "a", "b" }));
        Assert.That(serializer.Deserialize<List<string>>(stream), Is.EqualTo(new[] { "a", "b" }));
    }

    [Test]
    public void Serialize_TypeOutsideContext_NotSupportedNamingTheType()
    {
        var ex = Assert.Throws<NotSupportedException>(() => SourceGeneratedJsonSerializer.Openstack.Serialize(new Uri("http://x")));

        Assert.That(ex!.Message, Does.Contain("System.Uri").And.Contain("OpenstackJson"));
    }
}
