using System.Text.Json.Serialization;
using Swarm.Backends.Openstack.Compute.V2;
using Swarm.Backends.Openstack.Identity.V3;
using Swarm.Backends.Openstack.Image.V2;

namespace Swarm.Backends.Openstack;

/// <summary>Source-generated JSON for every OpenStack wire type (wire names via <c>[JsonPropertyName]</c>).</summary>
[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull, NumberHandling = JsonNumberHandling.AllowReadingFromString)]
[JsonSerializable(typeof(TokenResult))]
[JsonSerializable(typeof(VersionsResult))]
[JsonSerializable(typeof(ServerPage))]
[JsonSerializable(typeof(ServerEnvelope))]
[JsonSerializable(typeof(CreateServerRequest))]
[JsonSerializable(typeof(CreateServerResult))]
[JsonSerializable(typeof(ServerAction))]
[JsonSerializable(typeof(ServerImageRef))]
[JsonSerializable(typeof(UpdateServerRequest))]
[JsonSerializable(typeof(MetadataItemRequest))]
[JsonSerializable(typeof(FlavorPage))]
[JsonSerializable(typeof(LimitsResult))]
[JsonSerializable(typeof(ConsoleOutputResult))]
[JsonSerializable(typeof(ComputeVersionResult))]
[JsonSerializable(typeof(GlanceImage))]
[JsonSerializable(typeof(GlanceImagePage))]
[JsonSerializable(typeof(Dictionary<string, string>))]
[JsonSerializable(typeof(List<string>))]
[JsonSerializable(typeof(string))]
internal sealed partial class OpenstackJson : JsonSerializerContext
{
}
