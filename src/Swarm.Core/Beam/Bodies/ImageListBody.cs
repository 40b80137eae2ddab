using System.Collections.Immutable;
using Swarm.Core.Containers;

namespace Swarm.Core.Beam;

/// <summary>Images (the Set to Images): one JSON document per image on the wire.</summary>
/// <param name="Images">The images; exactly one when the request named a reference.</param>
public sealed record ImageListBody(IReadOnlyList<ImageRecord> Images) : BeamBody
{
    /// <inheritdoc />
    public override ImmutableArray<string> Encode() => [.. Images.Select(BeamJson.Write)];

    /// <summary>Reads one image per argument.</summary>
    public static ImageListBody Decode(ImmutableArray<string> args) => new([.. args.Select(BeamJson.Read<ImageRecord>)]);
}
