using System.Text.Json.Serialization;

namespace Swarm.Backends.DockerServer.Wire;

/// <summary>One pool of Docker's <c>IPAM.Config</c>: fields that are not set are left out, as dockerd does.</summary>
internal sealed record WireIpamConfig
{
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Subnet { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? IPRange { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Gateway { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyDictionary<string, string>? AuxiliaryAddresses { get; init; }
}
