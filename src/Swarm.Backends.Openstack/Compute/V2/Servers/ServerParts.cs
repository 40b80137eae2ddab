using System.Text.Json.Serialization;

namespace Swarm.Backends.Openstack.Compute.V2;

/// <summary>The flavor embedded in a server (2.47+), or its id (older microversions).</summary>
internal sealed record ServerFlavor(
    [property: JsonPropertyName("id")] string? Id,
    [property: JsonPropertyName("original_name")] string? OriginalName,
    [property: JsonPropertyName("ram")] int? Ram,
    [property: JsonPropertyName("vcpus")] int? Vcpus);

/// <summary>Why a server is in ERROR.</summary>
internal sealed record ServerFault(
    [property: JsonPropertyName("code")] int Code,
    [property: JsonPropertyName("message")] string? Message,
    [property: JsonPropertyName("created")] DateTimeOffset? Created);

/// <summary>One page of <c>GET /servers/detail</c>.</summary>
internal sealed record ServerPage(
    [property: JsonPropertyName("servers")] IReadOnlyList<Server> Servers,
    [property: JsonPropertyName("servers_links")] IReadOnlyList<Identity.V3.Link>? Links);

/// <summary><c>{"server": ...}</c>.</summary>
internal sealed record ServerEnvelope([property: JsonPropertyName("server")] Server Server);

/// <summary>The image a server was booted from (<c>{"id": ...}</c>).</summary>
internal sealed record ServerImageRef([property: JsonPropertyName("id")] string Id);

/// <summary>One address of a server on a network, as Nova lists it.</summary>
internal sealed record ServerAddress(
    [property: JsonPropertyName("addr")] string Addr,
    [property: JsonPropertyName("version")] int Version,
    [property: JsonPropertyName("OS-EXT-IPS-MAC:mac_addr")] string? MacAddress);

/// <summary>A volume attached to a server, as Nova lists it.</summary>
internal sealed record AttachedVolume([property: JsonPropertyName("id")] string Id);
