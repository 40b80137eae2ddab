using System.Text.Json.Serialization;

namespace Swarm.Backends.Openstack.Compute.V2;

/// <summary>What <c>POST /servers</c> answers (202): the new server's id.</summary>
internal sealed record CreateServerResult([property: JsonPropertyName("server")] CreatedServer Server);

/// <summary>The part of a created server swarmd reads.</summary>
internal sealed record CreatedServer([property: JsonPropertyName("id")] string Id);
