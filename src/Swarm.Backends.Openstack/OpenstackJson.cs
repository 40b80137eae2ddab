using System.Text.Json.Serialization;
using Swarm.Backends.Openstack.BlockStorage.V3;
using Swarm.Backends.Openstack.Compute.V2;
using Swarm.Backends.Openstack.Containers;
using Swarm.Backends.Openstack.Identity.V3;
using Swarm.Backends.Openstack.Image.V2;
using Swarm.Backends.Openstack.Network.V2;

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
[JsonSerializable(typeof(NeutronNetworkEnvelope))]
[JsonSerializable(typeof(NeutronNetworkList))]
[JsonSerializable(typeof(CreateNetworkRequest))]
[JsonSerializable(typeof(ReplaceTagsRequest))]
[JsonSerializable(typeof(NeutronSubnetEnvelope))]
[JsonSerializable(typeof(NeutronSubnetList))]
[JsonSerializable(typeof(CreateSubnetRequest))]
[JsonSerializable(typeof(NeutronPortEnvelope))]
[JsonSerializable(typeof(NeutronPortList))]
[JsonSerializable(typeof(CreatePortRequest))]
[JsonSerializable(typeof(NeutronSecurityGroupEnvelope))]
[JsonSerializable(typeof(NeutronSecurityGroupList))]
[JsonSerializable(typeof(CreateSecurityGroupRequest))]
[JsonSerializable(typeof(CreateSecurityGroupRulesRequest))]
[JsonSerializable(typeof(NeutronFloatingIpEnvelope))]
[JsonSerializable(typeof(NeutronFloatingIpList))]
[JsonSerializable(typeof(CreateFloatingIpRequest))]
[JsonSerializable(typeof(PortForwardingEnvelope))]
[JsonSerializable(typeof(NeutronRouterList))]
[JsonSerializable(typeof(RouterInterfaceRequest))]
[JsonSerializable(typeof(CinderVolumeEnvelope))]
[JsonSerializable(typeof(CinderVolumePage))]
[JsonSerializable(typeof(CinderAttachmentList))]
[JsonSerializable(typeof(CreateVolumeRequest))]
[JsonSerializable(typeof(ForceDeleteRequest))]
[JsonSerializable(typeof(NetworkState))]
[JsonSerializable(typeof(AttachInterfaceRequest))]
[JsonSerializable(typeof(MetadataRequest))]
[JsonSerializable(typeof(List<EndpointEntry>))]
[JsonSerializable(typeof(PublishedState))]
[JsonSerializable(typeof(List<MountEntry>))]
[JsonSerializable(typeof(Dictionary<string, string>))]
[JsonSerializable(typeof(List<string>))]
[JsonSerializable(typeof(string))]
internal sealed partial class OpenstackJson : JsonSerializerContext
{
}
