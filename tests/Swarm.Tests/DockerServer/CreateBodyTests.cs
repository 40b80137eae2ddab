using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Swarm.Tests.Support;

namespace Swarm.Tests.DockerServer;

/// <summary>
/// <c>POST /containers/create</c>'s body as dockerd checks it: JSON only (by Content-Type), and a wrong type named in
/// Docker's words (the field, what it must be, what it was), never a .NET type name.
/// </summary>
public sealed class CreateBodyTests
{
    private ChainHost _host = null!;
    private HttpClient _http = null!;

    [OneTimeSetUp]
    public async Task StartAsync()
    {
        _host = await ChainHost.StartDockerServerAsync();
        _http = new HttpClient { BaseAddress = _host.HttpBase };
    }

    [OneTimeTearDown]
    public async Task StopAsync()
    {
        _http.Dispose();
        await _host.DisposeAsync();
    }

    [TestCase("text/plain", "unsupported Content-Type header (text/plain): must be 'application/json'")]
    [TestCase("application/x-www-form-urlencoded", "unsupported Content-Type header (application/x-www-form-urlencoded): must be 'application/json'")]
    [TestCase("application/json; =x", "malformed Content-Type header (application/json; =x)")]
    public async Task Create_NotJsonContentType_400AsDockerd(string contentType, string message)
    {
        using var response = await PostAsync("""{"Image":"cirros"}""", contentType);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(await MessageAsync(response), Does.StartWith(message));
    }

    [TestCase("application/json")]
    [TestCase("application/json; charset=utf-8")]
    [TestCase("Application/JSON")]
    public async Task Create_JsonContentType_201(string contentType)
    {
        using var response = await PostAsync("""{"Image":"cirros"}""", contentType);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Created), await response.Content.ReadAsStringAsync());
    }

    [Test]
    public async Task Create_BodyWithoutContentType_400Unsupported()
    {
        using var response = await PostAsync("""{"Image":"cirros"}""", null);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(await MessageAsync(response), Is.EqualTo("unsupported Content-Type header (): must be 'application/json'"));
    }

    [Test]
    public async Task Create_NoBodyNoContentType_400ConfigEmptyAsDockerd()
    {
        using var response = await _http.PostAsync("/containers/create", null);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(await MessageAsync(response), Is.EqualTo("config cannot be empty in order to create a container"));
    }

    [TestCase("""{"Image":"cirros","Labels":"x"}""", "Labels", "map[string]string", "string")]
    [TestCase("""{"Image":"cirros","Labels":{"a":1}}""", "Labels.a", "string", "number")]
    [TestCase("""{"Image":"cirros","Tty":"yes"}""", "Tty", "bool", "string")]
    [TestCase("""{"Image":"cirros","Env":[1]}""", "Env[0]", "string", "number")]
    [TestCase("""{"Image":"cirros","Env":"A=1"}""", "Env", "[]string", "string")]
    [TestCase("""{"Image":"cirros","Cmd":5}""", "Cmd", "string or []string", "number")]
    [TestCase("""{"Image":7}""", "Image", "string", "number")]
    [TestCase("""{"Image":"cirros","HostConfig":{"Memory":1e30}}""", "HostConfig.Memory", "int64", "number 1e30")]
    [TestCase("""{"Image":"cirros","HostConfig":{"Memory":"1g"}}""", "HostConfig.Memory", "int64", "string")]
    [TestCase("""{"Image":"cirros","HostConfig":[]}""", "HostConfig", "HostConfig", "array")]
    [TestCase("""{"Image":"cirros","HostConfig":{"PortBindings":{"80/tcp":"8080"}}}""", "HostConfig.PortBindings.80/tcp", "[]PortBinding", "string")]
    [TestCase("""{"Image":"cirros","HostConfig":{"PortBindings":{"80/tcp":[{"HostPort":8080}]}}}""", "HostConfig.PortBindings.80/tcp[0].HostPort", "string", "number")]
    [TestCase("""{"Image":"cirros","ExposedPorts":["80/tcp"]}""", "ExposedPorts", "map[string]{}", "array")]
    public async Task Create_WrongType_400NamingFieldAndTypesInDockerWords(string body, string field, string expected, string actual)
    {
        using var response = await PostAsync(body, "application/json");
        var message = await MessageAsync(response);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(message, Is.EqualTo($"json: cannot unmarshal {actual} into field {field} of type {expected}"));
    }

    [TestCase("""{"Image":""", "invalid JSON body")]
    [TestCase("""[1,2]""", "json: cannot unmarshal array into the request body of type object")]
    [TestCase("""{"Image":"cirros",}""", "invalid JSON body")]
    public async Task Create_Malformed_400WithoutDotNetNames(string body, string start)
    {
        using var response = await PostAsync(body, "application/json");
        var message = await MessageAsync(response);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(message, Does.StartWith(start).And.Not.Contain("System.").And.Not.Contain("`"));
    }

    private async Task<HttpResponseMessage> PostAsync(string body, string? contentType)
    {
        var content = new ByteArrayContent(Encoding.UTF8.GetBytes(body));
        if (contentType is not null)
        {
            content.Headers.TryAddWithoutValidation("Content-Type", contentType);
        }

        return await _http.PostAsync("/containers/create", content);
    }

    private static async Task<string> MessageAsync(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo("application/json"), text);
        return JsonDocument.Parse(text).RootElement.GetProperty("message").GetString()!;
    }
}
