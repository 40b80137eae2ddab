using System.Collections.Immutable;

namespace Swarm.Core.Beam;

/// <summary>No arguments: the body of List, Get, Start, Pause and an Ack that says nothing more.</summary>
public sealed record EmptyBody : BeamBody
{
    private EmptyBody()
    {
    }

    /// <summary>The one empty body.</summary>
    public static EmptyBody Instance { get; } = new();

    /// <inheritdoc />
    public override ImmutableArray<string> Encode() => [];
}
