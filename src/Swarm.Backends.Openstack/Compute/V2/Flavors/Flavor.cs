using System.Text.Json.Serialization;

namespace Swarm.Backends.Openstack.Compute.V2;

/// <summary>A Nova flavor.</summary>
internal sealed record Flavor(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("ram")] int Ram,
    [property: JsonPropertyName("vcpus")] int Vcpus,
    [property: JsonPropertyName("disk")] int Disk,
    [property: JsonPropertyName("OS-FLV-DISABLED:disabled")] bool Disabled = false);

/// <summary>One page of <c>GET /flavors/detail</c>.</summary>
internal sealed record FlavorPage(
    [property: JsonPropertyName("flavors")] IReadOnlyList<Flavor> Flavors,
    [property: JsonPropertyName("flavors_links")] IReadOnlyList<Identity.V3.Link>? Links);
