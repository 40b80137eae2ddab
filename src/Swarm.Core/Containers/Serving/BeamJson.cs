using System.Text.Json;
using System.Text.Json.Serialization;

namespace Swarm.Core.Containers;

/// <summary>The JSON spelling of the container model inside Beam arguments (camelCase, enums as strings).</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    UseStringEnumConverter = true,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(ContainerRecord))]
[JsonSerializable(typeof(ContainerSpec))]
[JsonSerializable(typeof(ImageRecord))]
[JsonSerializable(typeof(HostInfo))]
[JsonSerializable(typeof(ContainerEvent))]
[JsonSerializable(typeof(LogOptions))]
[JsonSerializable(typeof(NetworkRecord))]
[JsonSerializable(typeof(NetworkSpec))]
[JsonSerializable(typeof(EndpointSpec))]
[JsonSerializable(typeof(VolumeRecord))]
[JsonSerializable(typeof(VolumeSpec))]
[JsonSerializable(typeof(Dictionary<string, string>))]
public sealed partial class BeamJson : JsonSerializerContext
{
    /// <summary>Serializes a model value.</summary>
    public static string Write<T>(T value)
        where T : class => JsonSerializer.Serialize(value, typeof(T), Default);

    /// <summary>Parses a model value; malformed JSON is an invalid-argument error.</summary>
    public static T Read<T>(string? json)
        where T : class
    {
        try
        {
            return JsonSerializer.Deserialize(json ?? "", typeof(T), Default) as T
                ?? throw Beam.BeamException.Invalid($"expected a {typeof(T).Name} document, got null");
        }
        catch (JsonException ex)
        {
            throw Beam.BeamException.Invalid($"malformed {typeof(T).Name} document: {ex.Message}");
        }
    }
}
