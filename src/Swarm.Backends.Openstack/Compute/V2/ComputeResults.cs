using System.Text.Json.Serialization;

namespace Swarm.Backends.Openstack.Compute.V2;

/// <summary><c>GET /limits</c>.</summary>
internal sealed record LimitsResult([property: JsonPropertyName("limits")] LimitsBody Limits);

/// <summary>The absolute limits and usage.</summary>
internal sealed record LimitsBody([property: JsonPropertyName("absolute")] IReadOnlyDictionary<string, long> Absolute);

/// <summary><c>os-getConsoleOutput</c>'s answer.</summary>
internal sealed record ConsoleOutputResult([property: JsonPropertyName("output")] string? Output);

/// <summary><c>GET {compute endpoint}/</c>: the version document with the microversion range.</summary>
internal sealed record ComputeVersionResult([property: JsonPropertyName("version")] ComputeVersion? Version);

/// <summary>Microversion range of the compute API.</summary>
internal sealed record ComputeVersion(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("version")] string? Version,
    [property: JsonPropertyName("min_version")] string? MinVersion);
