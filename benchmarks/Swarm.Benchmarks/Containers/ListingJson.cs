using System.Text.Json.Serialization;
using Swarm.Core.Containers;

namespace Swarm.Benchmarks.Containers;

/// <summary>BeamJson's options, plus the whole list as one document: the baseline of the per-record wire form.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    UseStringEnumConverter = true,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(ContainerRecord[]))]
internal sealed partial class ListingJson : JsonSerializerContext
{
}
