using System.Text.Json.Serialization;

namespace Swarm.Backends.Openstack.Compute.V2;

/// <summary>The body of <c>POST /servers/{id}/os-interface</c>: a port to plug in, or a network to make one on.</summary>
internal sealed record AttachInterfaceRequest([property: JsonPropertyName("interfaceAttachment")] InterfaceAttachment Attachment);

/// <summary>Which port (<c>port_id</c>) or network (<c>net_id</c>) to attach.</summary>
internal sealed record InterfaceAttachment
{
    [JsonPropertyName("port_id")]
    public string? PortId { get; init; }

    [JsonPropertyName("net_id")]
    public string? NetworkId { get; init; }
}

/// <summary>The body of <c>POST /servers/{id}/metadata</c>: items to add or replace.</summary>
internal sealed record MetadataRequest([property: JsonPropertyName("metadata")] IReadOnlyDictionary<string, string> Metadata);
