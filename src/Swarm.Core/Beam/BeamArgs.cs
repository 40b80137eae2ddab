using System.Collections.Immutable;

namespace Swarm.Core.Beam;

/// <summary>Reading positional string arguments, for the bodies' decoders.</summary>
internal static class BeamArgs
{
    /// <summary>The argument at <paramref name="index"/>, or null when there are fewer.</summary>
    public static string? At(ImmutableArray<string> args, int index) => index < args.Length ? args[index] : null;

    /// <summary>The argument at <paramref name="index"/>; an invalid-argument error naming <paramref name="what"/> when missing or empty.</summary>
    public static string Required(ImmutableArray<string> args, int index, string what) =>
        At(args, index) is { Length: > 0 } value ? value : throw BeamException.Invalid($"missing argument: {what}");
}
