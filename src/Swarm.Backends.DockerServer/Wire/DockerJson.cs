using System.Text.Json.Serialization;

namespace Swarm.Backends.DockerServer.Wire;

/// <summary>The response bodies, with Docker's property names, serialized without reflection.</summary>
[JsonSourceGenerationOptions(GenerationMode = JsonSourceGenerationMode.Default)]
[JsonSerializable(typeof(ContainerSummary[]))]
[JsonSerializable(typeof(ContainerInspect))]
[JsonSerializable(typeof(CreateResponse))]
[JsonSerializable(typeof(WaitResponse))]
[JsonSerializable(typeof(ErrorResponse))]
[JsonSerializable(typeof(VersionResponse))]
[JsonSerializable(typeof(InfoResponse))]
[JsonSerializable(typeof(ImageSummary[]))]
[JsonSerializable(typeof(ImageInspect))]
[JsonSerializable(typeof(EventMessage))]
[JsonSerializable(typeof(PullProgress))]
[JsonSerializable(typeof(NetworkResource))]
[JsonSerializable(typeof(NetworkResource[]))]
[JsonSerializable(typeof(NetworkCreateResponse))]
[JsonSerializable(typeof(NetworkPruneResponse))]
[JsonSerializable(typeof(VolumeResource))]
[JsonSerializable(typeof(VolumeListResponse))]
[JsonSerializable(typeof(VolumePruneResponse))]
internal sealed partial class DockerJson : JsonSerializerContext
{
}
