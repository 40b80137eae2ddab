using System.Text.Json;
using System.Text.Json.Serialization;
using Flurl.Http.Configuration;

namespace Swarm.Backends.Openstack.Http;

/// <summary>
/// Flurl's JSON through a source-generated <see cref="JsonSerializerContext"/> instead of reflection: set on every
/// <see cref="ServiceClient"/>, so Flurl never falls back to its reflection-based default serializer and the
/// Native AOT swarmd serialises exactly as the JIT one. A type the context does not know is an error that names
/// it, not a silent reflection fallback.
/// </summary>
internal sealed class SourceGeneratedJsonSerializer(JsonSerializerContext context) : ISerializer
{
    /// <summary>The serializer for every OpenStack wire type.</summary>
    public static SourceGeneratedJsonSerializer Openstack { get; } = new(OpenstackJson.Default);

    public string Serialize(object obj) =>
        obj is null ? "null" : JsonSerializer.Serialize(obj, TypeInfo(obj.GetType()));

    public T Deserialize<T>(string s) => (T)JsonSerializer.Deserialize(s, TypeInfo(typeof(T)))!;

    public T Deserialize<T>(Stream stream) => (T)JsonSerializer.Deserialize(stream, TypeInfo(typeof(T)))!;

    private System.Text.Json.Serialization.Metadata.JsonTypeInfo TypeInfo(Type type) =>
        context.GetTypeInfo(type)
        ?? throw new NotSupportedException($"openstack: {type} is not in {context.GetType().Name}, the source-generated JSON context Flurl uses here");
}
