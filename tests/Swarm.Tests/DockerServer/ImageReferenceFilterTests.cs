using System.Net;
using System.Text.Json;
using Swarm.Backends.DockerServer.Http;
using Swarm.Tests.Support;

namespace Swarm.Tests.DockerServer;

/// <summary>
/// <c>docker images --filter reference=PATTERN</c>: Go's <c>path.Match</c> on <c>repo:tag</c> or the repository, as
/// dockerd's <c>reference.FamiliarMatch</c>; linear in the pattern and the name, whatever the pattern.
/// </summary>
public sealed class ImageReferenceFilterTests
{
    [TestCase("cirros", "cirros:latest", true)]
    [TestCase("cirros:latest", "cirros:latest", true)]
    [TestCase("cirros:1.0", "cirros:latest", false)]
    [TestCase("cir*", "cirros:latest", true)]
    [TestCase("*:latest", "cirros:latest", true)]
    [TestCase("c?rros", "cirros:latest", true)]
    [TestCase("c???ros", "cirros:latest", false)]
    [TestCase("*", "me/app:1", false)]
    [TestCase("*/*", "me/app:1", true)]
    [TestCase("me/*", "me/app:1", true)]
    [TestCase("m?/app", "me/app:1", true)]
    [TestCase("me?app", "me/app:1", false)]
    [TestCase("[a-c]irros", "cirros:latest", true)]
    [TestCase("[^c]irros", "cirros:latest", false)]
    [TestCase("[^a-b]irros", "cirros:latest", true)]
    [TestCase("cirro[rst]", "cirros:latest", true)]
    [TestCase("\\cirros", "cirros:latest", true)]
    [TestCase("docker.io/library/cirros", "cirros:latest", true)]
    [TestCase("*a*b", "aXbYb", true)]
    [TestCase("*a*b", "aXbYc", false)]
    public void Matches_PathMatchSemantics_AsDockerd(string pattern, string repoTag, bool expected)
    {
        Assert.That(ImageReference.Matches(pattern, repoTag), Is.EqualTo(expected));
    }

    [TestCase("[")]
    [TestCase("ci[rros")]
    [TestCase("[]")]
    [TestCase("[^]")]
    [TestCase("[z-]")]
    [TestCase("cirros\\")]
    public void Matches_MalformedPattern_BadRequest(string pattern)
    {
        var error = Assert.Throws<DockerHttpException>(() => ImageReference.Matches(pattern, "cirros:latest"));

        Assert.That(error!.Status, Is.EqualTo(400));
        Assert.That(error.Message, Does.Contain("syntax error in pattern"));
    }

    [Test]
    public async Task ImageList_ReferenceWithManyStars_AnswersAtOnce()
    {
        // A hand-written backtracking glob took exponential time on this (millions of calls at 12 stars).
        await using var host = await ChainHost.StartDockerServerAsync();
        using var http = new HttpClient { BaseAddress = host.HttpBase, Timeout = TimeSpan.FromSeconds(20) };
        var pattern = new string('*', 1000) + "X";
        var filters = Uri.EscapeDataString(JsonSerializer.Serialize(new Dictionary<string, string[]> { ["reference"] = [pattern] }));

        using var response = await WaitFor.TaskAsync(http.GetAsync("/images/json?filters=" + filters), "the image list with a 1000-star reference filter");

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(await response.Content.ReadAsStringAsync(), Is.EqualTo("[]\n"));
    }

    [Test]
    public async Task ImageList_MalformedReferencePattern_400()
    {
        await using var host = await ChainHost.StartDockerServerAsync();
        using var http = new HttpClient { BaseAddress = host.HttpBase, Timeout = TimeSpan.FromSeconds(20) };

        using var response = await http.GetAsync("/images/json?filters=" + Uri.EscapeDataString("""{"reference":["ci[rros"]}"""));

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(await response.Content.ReadAsStringAsync(), Does.Contain("syntax error in pattern"));
    }
}
