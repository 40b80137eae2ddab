using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Swarm.Tests.Support;

namespace Swarm.Tests.DockerServer;

/// <summary>The HTTP contract, request by request, against <c>dockerserver tcp://127.0.0.1:0</c> + simulator.</summary>
public sealed class DockerServerHttpTests
{
    private ChainHost _host = null!;
    private HttpClient _http = null!;

    [OneTimeSetUp]
    public async Task StartAsync()
    {
        _host = await ChainHost.StartDockerServerAsync();
        _http = new HttpClient { BaseAddress = _host.HttpBase, Timeout = TimeSpan.FromSeconds(20) };
    }

    [OneTimeTearDown]
    public async Task StopAsync()
    {
        _http.Dispose();
        await _host.DisposeAsync();
    }

    [Test]
    public async Task HeadPing_Always_ApiVersionHeadersAndEmptyBody()
    {
        using var response = await _http.SendAsync(new HttpRequestMessage(HttpMethod.Head, "/_ping"));

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(response.Headers.GetValues("Api-Version"), Is.EqualTo(new[] { "1.50" }));
        Assert.That(response.Headers.GetValues("Docker-Experimental"), Is.EqualTo(new[] { "false" }));
        Assert.That(response.Headers.GetValues("OSType"), Is.EqualTo(new[] { "linux" }));
        Assert.That(response.Content.Headers.ContentLength, Is.Zero);
    }

    [Test]
    public async Task GetPing_Versioned_Ok()
    {
        using var response = await _http.GetAsync("/v1.50/_ping");

        Assert.That(await response.Content.ReadAsStringAsync(), Is.EqualTo("OK"));
        Assert.That(response.Content.Headers.ContentType!.ToString(), Is.EqualTo("text/plain; charset=utf-8"));
    }

    [Test]
    public async Task Version_Unversioned_ApiAndMinimumVersions()
    {
        var version = await GetJsonAsync("/version");

        Assert.That(version.GetProperty("ApiVersion").GetString(), Is.EqualTo("1.50"));
        Assert.That(version.GetProperty("MinAPIVersion").GetString(), Is.EqualTo("1.24"));
        Assert.That(version.GetProperty("Os").GetString(), Is.EqualTo("linux"));
    }

    [TestCase("/v1.23/version", "client version 1.23 is too old. Minimum supported API version is 1.24, please upgrade your client to a newer version")]
    [TestCase("/v1.51/containers/json", "client version 1.51 is too new. Maximum supported API version is 1.50")]
    public async Task AnyRoute_VersionOutOfRange_400WithDockerdMessage(string path, string message)
    {
        await AssertErrorAsync(await _http.GetAsync(path), HttpStatusCode.BadRequest, message);
    }

    [Test]
    public async Task UnknownRoute_Always_404PageNotFound()
    {
        await AssertErrorAsync(await _http.GetAsync("/v1.50/nothing/here"), HttpStatusCode.NotFound, "page not found");
    }

    [TestCase("POST", "/containers/x/exec")]
    [TestCase("GET", "/containers/x/top")]
    [TestCase("GET", "/containers/x/stats")]
    [TestCase("POST", "/build")]
    [TestCase("POST", "/exec/abc/start")]
    [TestCase("GET", "/swarm")]
    public async Task KnownDockerRoute_NotServed_501WithSentence(string method, string path)
    {
        using var response = await _http.SendAsync(new HttpRequestMessage(new HttpMethod(method), "/v1.50" + path));

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.NotImplemented));
        Assert.That(await MessageAsync(response), Does.StartWith("swarmd does not implement"));
    }

    [Test]
    public async Task CreateNetwork_GatewayOutsideSubnet_400WithDockerdsMessage()
    {
        using var response = await PostJsonAsync("/v1.50/networks/create", """{"Name":"http-gw","IPAM":{"Config":[{"Subnet":"10.64.0.0/24","Gateway":"10.65.0.1"}]}}""");

        await AssertErrorAsync(response, HttpStatusCode.BadRequest, "invalid network config:\ninvalid gateway 10.65.0.1: parent subnet 10.64.0.0/24 doesn't contain this address");
    }

    [Test]
    public async Task DeleteNetwork_Unknown_404NotA501()
    {
        await AssertErrorAsync(await _http.DeleteAsync("/v1.50/networks/http-nosuch_default"), HttpStatusCode.NotFound, "network http-nosuch_default not found");
    }

    [Test]
    public async Task CreateContainer_TwoNetworksBeforeApi144_400()
    {
        using var response = await PostJsonAsync("/v1.43/containers/create",
            """{"Image":"cirros","HostConfig":{"NetworkMode":"bridge"},"NetworkingConfig":{"EndpointsConfig":{"bridge":{},"none":{}}}}""");

        await AssertErrorAsync(response, HttpStatusCode.BadRequest, "Container cannot be connected to network endpoints: bridge, none");
    }

    [Test]
    public async Task InspectNetwork_Unknown_404SoGenericInspectMovesOn()
    {
        await AssertErrorAsync(await _http.GetAsync("/v1.50/networks/nosuch"), HttpStatusCode.NotFound, "network nosuch not found");
    }

    [Test]
    public async Task Create_LowercaseBodyKeys_201WithIdOnly()
    {
        using var response = await PostJsonAsync("/containers/create", """{"name":"http-lower", "image":"cirros"}""");
        var body = await response.Content.ReadAsStringAsync();

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Created), body);
        Assert.That(body, Does.Match("^\\{\"Id\":\"[0-9a-f]{64}\"\\}\n$"));
        Assert.That(response.Content.Headers.ContentLength, Is.EqualTo(Encoding.UTF8.GetByteCount(body)));
        var inspect = await GetJsonAsync("/containers/http-lower/json");
        Assert.That(inspect.GetProperty("Name").GetString(), Is.EqualTo("/http-lower"));
    }

    [Test]
    public async Task Create_NameInQueryAndCmdAsString_QueryNameWinsAndCmdIsOneWord()
    {
        using var response = await PostJsonAsync("/v1.50/containers/create?name=http-query", """{"Name":"ignored","Image":"cirros","Cmd":"true"}""");
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Created));

        var inspect = await GetJsonAsync("/containers/http-query/json");
        Assert.That(inspect.GetProperty("Config").GetProperty("Cmd")[0].GetString(), Is.EqualTo("true"));
    }

    [TestCase("{\"Image\":", "invalid JSON body")]
    [TestCase("{\"Image\":\"cirros\",\"Tty\":\"yes\"}", "json: cannot unmarshal string into field Tty of type bool")]
    [TestCase("[1,2]", "json: cannot unmarshal array into the request body")]
    [TestCase("{}", "an image is required")]
    [TestCase("", "config cannot be empty")]
    public async Task Create_BadBody_400WithMessage(string body, string message)
    {
        using var response = await PostJsonAsync("/containers/create", body);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(await MessageAsync(response), Does.StartWith(message));
    }

    [Test]
    public async Task Create_BodyOverOneMebibyte_400()
    {
        var huge = "{\"Image\":\"cirros\",\"Env\":[\"X=" + new string('x', 1_100_000) + "\"]}";
        using var response = await PostJsonAsync("/containers/create", huge);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(await MessageAsync(response), Does.Contain("too large"));
    }

    [Test]
    public async Task Create_UnknownImage_404NoSuchImage()
    {
        using var response = await PostJsonAsync("/containers/create", """{"Image":"nosuchimage"}""");

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
        Assert.That(await MessageAsync(response), Does.Contain("No such image"));
    }

    [Test]
    public async Task Create_NameInUse_409()
    {
        (await PostJsonAsync("/containers/create?name=http-dup", """{"Image":"cirros"}""")).Dispose();
        using var response = await PostJsonAsync("/containers/create?name=http-dup", """{"Image":"cirros"}""");

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Conflict));
    }

    [Test]
    public async Task Create_InvalidName_400DockerdMessage()
    {
        using var response = await PostJsonAsync("/containers/create?name=bad%20name", """{"Image":"cirros"}""");

        await AssertErrorAsync(response, HttpStatusCode.BadRequest, "Invalid container name (bad name), only [a-zA-Z0-9][a-zA-Z0-9_.-] are allowed");
    }

    [Test]
    public async Task Inspect_UnknownContainer_404NoSuchContainer()
    {
        await AssertErrorAsync(await _http.GetAsync("/v1.50/containers/nosuch/json"), HttpStatusCode.NotFound, "No such container: nosuch");
    }

    [Test]
    public async Task Inspect_Created_DockerTypesAndRequiredObjects()
    {
        var id = await CreateAsync("http-types");
        var inspect = await GetJsonAsync($"/containers/{id}/json");

        Assert.That(inspect.GetProperty("Created").ValueKind, Is.EqualTo(JsonValueKind.String));
        Assert.That(DateTimeOffset.TryParse(inspect.GetProperty("Created").GetString(), out _), Is.True);
        Assert.That(inspect.GetProperty("Config").GetProperty("Image").GetString(), Is.EqualTo("cirros"));
        Assert.That(inspect.GetProperty("HostConfig").GetProperty("LogConfig").GetProperty("Type").GetString(), Is.EqualTo("json-file"));
        Assert.That(inspect.GetProperty("NetworkSettings").ValueKind, Is.EqualTo(JsonValueKind.Object));
        Assert.That(inspect.GetProperty("State").GetProperty("Status").GetString(), Is.EqualTo("created"));
        Assert.That(inspect.GetProperty("Image").GetString(), Does.StartWith("sha256:"));
    }

    [Test]
    public async Task StartStop_Twice_204Then304()
    {
        var id = await CreateAsync("http-304");

        Assert.That((await PostAsync($"/containers/{id}/start")).StatusCode, Is.EqualTo(HttpStatusCode.NoContent));
        Assert.That((await PostAsync($"/containers/{id}/start")).StatusCode, Is.EqualTo(HttpStatusCode.NotModified));
        Assert.That((await PostAsync($"/containers/{id}/stop?t=1")).StatusCode, Is.EqualTo(HttpStatusCode.NoContent));
        Assert.That((await PostAsync($"/containers/{id}/stop")).StatusCode, Is.EqualTo(HttpStatusCode.NotModified));
    }

    [Test]
    public async Task Kill_NotRunning_409()
    {
        var id = await CreateAsync("http-kill");

        using var response = await PostAsync($"/containers/{id}/kill");

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Conflict));
    }

    [Test]
    public async Task Delete_RunningWithoutForce_409ThenForce204()
    {
        var id = await CreateAsync("http-rm");
        (await PostAsync($"/containers/{id}/start")).Dispose();

        Assert.That((await _http.DeleteAsync($"/containers/{id}?force=False&v=False&link=False")).StatusCode, Is.EqualTo(HttpStatusCode.Conflict));
        Assert.That((await _http.DeleteAsync($"/containers/{id}?force=True")).StatusCode, Is.EqualTo(HttpStatusCode.NoContent));
        Assert.That((await _http.GetAsync($"/containers/{id}/json")).StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
    }

    [Test]
    public async Task Rename_NewName_InspectShowsIt()
    {
        var id = await CreateAsync("http-old");

        Assert.That((await PostAsync($"/containers/http-old/rename?name=http-new")).StatusCode, Is.EqualTo(HttpStatusCode.NoContent));

        Assert.That((await GetJsonAsync($"/containers/{id}/json")).GetProperty("Name").GetString(), Is.EqualTo("/http-new"));
    }

    [TestCase("map", "{\"label\":{\"app=web\":true,\"shape=map\":true}}")]
    [TestCase("list", "{\"label\":[\"app=web\",\"shape=list\"]}")]
    public async Task List_LabelFilterEitherShape_OnlyMatching(string shape, string filters)
    {
        var web = await CreateAsync($"http-label-web-{shape}", """{"Image":"cirros","Labels":{"app":"web","shape":"SHAPE"}}""".Replace("SHAPE", shape, StringComparison.Ordinal));
        await CreateAsync($"http-label-db-{shape}", """{"Image":"cirros","Labels":{"app":"db","shape":"SHAPE"}}""".Replace("SHAPE", shape, StringComparison.Ordinal));

        var list = await GetJsonAsync("/containers/json?all=1&filters=" + Uri.EscapeDataString(filters));

        Assert.That(list.EnumerateArray().Select(c => c.GetProperty("Id").GetString()), Is.EqualTo(new[] { web }));
    }

    [Test]
    public async Task List_EmptyFiltersAndTrueSpelling_Accepted()
    {
        await CreateAsync("http-empty-filters");

        var list = await GetJsonAsync("/containers/json?all=true&filters=");

        Assert.That(list.EnumerateArray().Select(c => c.GetProperty("Names")[0].GetString()), Does.Contain("/http-empty-filters"));
        Assert.That(list[0].GetProperty("Created").ValueKind, Is.EqualTo(JsonValueKind.Number));
    }

    [Test]
    public async Task List_WithoutAll_OnlyRunning()
    {
        var running = await CreateAsync("http-running");
        var created = await CreateAsync("http-created");
        (await PostAsync($"/containers/{running}/start")).Dispose();

        var ids = (await GetJsonAsync("/containers/json")).EnumerateArray().Select(c => c.GetProperty("Id").GetString()).ToList();

        Assert.That(ids, Does.Contain(running));
        Assert.That(ids, Does.Not.Contain(created));
    }

    [Test]
    public async Task List_StatusAndAncestorAndIdFilters_Applied()
    {
        var id = await CreateAsync("http-filters", """{"Image":"busybox"}""");
        var filters = Uri.EscapeDataString($$$"""{"status":{"created":true},"ancestor":{"busybox:latest":true},"id":{"{{{id[..10]}}}":true}}""");

        var list = await GetJsonAsync("/containers/json?filters=" + filters);

        Assert.That(list.EnumerateArray().Select(c => c.GetProperty("Id").GetString()), Is.EqualTo(new[] { id }));
    }

    [Test]
    public async Task List_MalformedFilters_400()
    {
        using var response = await _http.GetAsync("/containers/json?filters=%7Bnot-json");

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
    }

    [Test]
    public async Task Wait_RunningContainer_HeadersBeforeExitThenStatusCode()
    {
        var id = await CreateAsync("http-wait", """{"Image":"cirros","Cmd":["sleep","30"]}""");
        (await PostAsync($"/containers/{id}/start")).Dispose();

        using var request = new HttpRequestMessage(HttpMethod.Post, $"/v1.50/containers/{id}/wait");
        using var response = await WaitFor.TaskAsync(_http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead), "the wait headers while the container runs");
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        var body = response.Content.ReadAsStringAsync();
        Assert.That(body.IsCompleted, Is.False, "the wait body came before the container stopped");

        (await PostAsync($"/containers/{id}/kill")).Dispose();

        var answer = JsonDocument.Parse(await WaitFor.TaskAsync(body, "the wait body after the kill")).RootElement;
        Assert.That(answer.GetProperty("StatusCode").ValueKind, Is.EqualTo(JsonValueKind.Number));
        Assert.That(answer.GetProperty("StatusCode").GetInt32(), Is.EqualTo(137));
    }

    [Test]
    public async Task Logs_NonTty_StdcopyFramesWithStreamNumbers()
    {
        var id = await CreateAsync("http-logs", """{"Image":"cirros","Cmd":["sh","-c","echo out; echo err >&2"]}""");
        (await PostAsync($"/containers/{id}/start")).Dispose();
        (await PostAsync($"/containers/{id}/wait")).Dispose();

        var bytes = await _http.GetByteArrayAsync($"/v1.50/containers/{id}/logs?stdout=1&stderr=1");

        Assert.That(bytes, Is.EqualTo(new byte[] { 1, 0, 0, 0, 0, 0, 0, 4, (byte)'o', (byte)'u', (byte)'t', (byte)'\n', 2, 0, 0, 0, 0, 0, 0, 4, (byte)'e', (byte)'r', (byte)'r', (byte)'\n' }));
    }

    [Test]
    public async Task Logs_NoStreamChosen_400()
    {
        var id = await CreateAsync("http-logs-none");

        await AssertErrorAsync(await _http.GetAsync($"/containers/{id}/logs"), HttpStatusCode.BadRequest, "Bad parameters: you must choose at least one stream");
    }

    [Test]
    public async Task Events_SinceUntil_NdjsonOfTheContainer()
    {
        var since = DateTimeOffset.UtcNow.AddSeconds(-1).ToUnixTimeSeconds();
        var id = await CreateAsync("http-events");
        var until = DateTimeOffset.UtcNow.AddSeconds(1).ToUnixTimeSeconds();
        var filters = Uri.EscapeDataString($$$"""{"container":{"{{{id}}}":true},"type":{"container":true}}""");

        var text = await WaitFor.TaskAsync(_http.GetStringAsync($"/v1.50/events?since={since}&until={until}&filters={filters}"), "the events stream to end at until");

        var events = text.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement).ToList();
        Assert.That(events.Select(e => e.GetProperty("Action").GetString()), Is.EqualTo(new[] { "create" }));
        Assert.That(events[0].GetProperty("Actor").GetProperty("Attributes").GetProperty("name").GetString(), Is.EqualTo("http-events"));
        Assert.That(events[0].GetProperty("time").ValueKind, Is.EqualTo(JsonValueKind.Number));
    }

    [Test]
    public async Task Pull_KnownImage_ProgressNdjson()
    {
        using var response = await PostAsync("/images/create?fromImage=docker.io/library/cirros&tag=latest");
        var lines = (await response.Content.ReadAsStringAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(lines.Select(l => JsonDocument.Parse(l).RootElement.GetProperty("status").GetString()).Last(),
            Is.EqualTo("Status: Image is up to date for cirros:latest"));
    }

    [Test]
    public async Task Pull_UnknownImage_404BeforeStream()
    {
        using var response = await PostAsync("/images/create?fromImage=nosuchimage&tag=latest");

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
        Assert.That(await MessageAsync(response), Does.Contain("No such image"));
    }

    [TestCase("cirros")]
    [TestCase("cirros:latest")]
    public async Task ImageInspect_FamiliarName_Resolved(string name)
    {
        var image = await GetJsonAsync($"/images/{name}/json");

        Assert.That(image.GetProperty("RepoTags")[0].GetString(), Is.EqualTo("cirros:latest"));
        Assert.That(image.GetProperty("Created").ValueKind, Is.EqualTo(JsonValueKind.String));
    }

    [Test]
    public async Task ImageList_Always_IntegerCreatedAndShaIds()
    {
        var images = await GetJsonAsync("/images/json");

        Assert.That(images.EnumerateArray().Select(i => i.GetProperty("RepoTags")[0].GetString()), Is.SupersetOf(new[] { "cirros:latest", "busybox:latest", "alpine:latest" }));
        Assert.That(images[0].GetProperty("Created").ValueKind, Is.EqualTo(JsonValueKind.Number));
        Assert.That(images[0].GetProperty("Id").GetString(), Does.StartWith("sha256:"));
    }

    private static async Task<string> MessageAsync(HttpResponseMessage response)
    {
        Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo("application/json"));
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("message").GetString()!;
    }

    private static async Task AssertErrorAsync(HttpResponseMessage response, HttpStatusCode status, string message)
    {
        using (response)
        {
            Assert.That(response.StatusCode, Is.EqualTo(status));
            Assert.That(await MessageAsync(response), Is.EqualTo(message));
        }
    }

    private async Task<JsonElement> GetJsonAsync(string path)
    {
        using var response = await _http.GetAsync(path);
        var body = await response.Content.ReadAsStringAsync();
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), body);
        return JsonDocument.Parse(body).RootElement.Clone();
    }

    private Task<HttpResponseMessage> PostAsync(string path) => _http.PostAsync(path, null);

    private Task<HttpResponseMessage> PostJsonAsync(string path, string body)
    {
        var content = new StringContent(body, Encoding.UTF8);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        return _http.PostAsync(path, content);
    }

    private async Task<string> CreateAsync(string name, string body = """{"Image":"cirros"}""")
    {
        using var response = await PostJsonAsync($"/containers/create?name={name}", body);
        var text = await response.Content.ReadAsStringAsync();
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Created), text);
        return JsonDocument.Parse(text).RootElement.GetProperty("Id").GetString()!;
    }
}
