namespace Swarm.Core.Beam;

/// <summary>The wire spelling of <see cref="BeamErrorKind"/> in an Error message's first argument.</summary>
public static class BeamErrorKindNames
{
    /// <summary>The kebab-case name of a kind, as carried by an Error message.</summary>
    public static string ToWire(this BeamErrorKind kind) => kind switch
    {
        BeamErrorKind.NotFound => "not-found",
        BeamErrorKind.Conflict => "conflict",
        BeamErrorKind.Invalid => "invalid",
        BeamErrorKind.NotImplemented => "not-implemented",
        BeamErrorKind.Unavailable => "unavailable",
        BeamErrorKind.Unauthorized => "unauthorized",
        _ => "internal",
    };

    /// <summary>Parses a wire name; anything unknown is <see cref="BeamErrorKind.Internal"/>.</summary>
    public static BeamErrorKind Parse(string? wire) => wire switch
    {
        "not-found" => BeamErrorKind.NotFound,
        "conflict" => BeamErrorKind.Conflict,
        "invalid" => BeamErrorKind.Invalid,
        "not-implemented" => BeamErrorKind.NotImplemented,
        "unavailable" => BeamErrorKind.Unavailable,
        "unauthorized" => BeamErrorKind.Unauthorized,
        _ => BeamErrorKind.Internal,
    };
}
