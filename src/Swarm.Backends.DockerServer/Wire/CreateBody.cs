using System.Text.Json;
using System.Text.Json.Serialization;

namespace Swarm.Backends.DockerServer.Wire;

/// <summary>
/// <c>POST /containers/create</c>'s body. Keys match ignoring case, so libswarm's documented
/// <c>{"name":"demo1","image":"cirros"}</c> works; unknown keys are ignored.
/// </summary>
internal sealed record CreateBody
{
    public string? Name { get; init; }

    public string? Image { get; init; }

    [JsonConverter(typeof(StrSliceConverter))]
    public List<string>? Cmd { get; init; }

    [JsonConverter(typeof(StrSliceConverter))]
    public List<string>? Entrypoint { get; init; }

    public List<string>? Env { get; init; }

    public Dictionary<string, string>? Labels { get; init; }

    public bool Tty { get; init; }

    public bool OpenStdin { get; init; }

    public string? Hostname { get; init; }

    public Dictionary<string, JsonElement>? ExposedPorts { get; init; }

    /// <summary>Paths that get an anonymous volume unless a bind or mount covers them (<c>-v /path</c>, an image's VOLUME).</summary>
    public Dictionary<string, JsonElement>? Volumes { get; init; }

    public CreateHostConfig? HostConfig { get; init; }

    public NetworkingConfig? NetworkingConfig { get; init; }
}
