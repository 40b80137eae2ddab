using System.Text.Json.Serialization;

namespace Swarm.Backends.DockerServer.Wire;

/// <summary>The request bodies: keys matched ignoring case, numbers only as numbers, unknown keys skipped.</summary>
[JsonSourceGenerationOptions(PropertyNameCaseInsensitive = true, AllowTrailingCommas = false, MaxDepth = 64)]
[JsonSerializable(typeof(CreateBody))]
[JsonSerializable(typeof(NetworkCreateBody))]
[JsonSerializable(typeof(NetworkConnectBody))]
[JsonSerializable(typeof(NetworkDisconnectBody))]
[JsonSerializable(typeof(VolumeCreateBody))]
internal sealed partial class DockerRequestJson : JsonSerializerContext
{
}
