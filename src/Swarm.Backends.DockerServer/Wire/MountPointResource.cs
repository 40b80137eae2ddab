using System.Text.Json.Serialization;

namespace Swarm.Backends.DockerServer.Wire;

/// <summary>One entry of a container's <c>Mounts</c> (inspect and list).</summary>
internal sealed record MountPointResource
{
    public string Type { get; init; } = "volume";

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Name { get; init; }

    public string Source { get; init; } = "";

    public string Destination { get; init; } = "";

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Driver { get; init; }

    public string Mode { get; init; } = "";

    public bool RW { get; init; } = true;

    public string Propagation { get; init; } = "";
}
