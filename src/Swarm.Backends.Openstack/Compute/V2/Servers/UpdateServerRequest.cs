using System.Text.Json.Serialization;

namespace Swarm.Backends.Openstack.Compute.V2;

/// <summary>The body of <c>PUT /servers/{id}</c>: the fields to change.</summary>
internal sealed record UpdateServerRequest([property: JsonPropertyName("server")] UpdateServer Server);

/// <summary>What <c>PUT /servers/{id}</c> changes.</summary>
internal sealed record UpdateServer([property: JsonPropertyName("name")] string Name);

/// <summary>The body of <c>PUT /servers/{id}/metadata/{key}</c>: one item.</summary>
internal sealed record MetadataItemRequest([property: JsonPropertyName("meta")] IReadOnlyDictionary<string, string> Meta);
