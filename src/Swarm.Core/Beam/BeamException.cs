namespace Swarm.Core.Beam;

/// <summary>
/// A request failed with a kind a frontend can map. Thrown by handlers to answer with an Error, and by clients
/// when an Error arrives. The message names the backend, the object and the verb; it never holds a secret.
/// </summary>
public class BeamException : Exception
{
    /// <summary>Creates an error of the given kind.</summary>
    public BeamException(BeamErrorKind kind, string message)
        : base(message) => Kind = kind;

    /// <summary>Creates an error of the given kind that keeps its cause.</summary>
    public BeamException(BeamErrorKind kind, string message, Exception? innerException)
        : base(message, innerException) => Kind = kind;

    /// <summary>Creates an internal error.</summary>
    public BeamException()
        : this(BeamErrorKind.Internal, "internal error")
    {
    }

    /// <summary>Creates an internal error with a message.</summary>
    public BeamException(string message)
        : this(BeamErrorKind.Internal, message)
    {
    }

    /// <summary>Creates an internal error with a message and a cause.</summary>
    public BeamException(string message, Exception? innerException)
        : this(BeamErrorKind.Internal, message, innerException)
    {
    }

    /// <summary>What kind of failure this is.</summary>
    public BeamErrorKind Kind { get; }

    /// <summary>Shorthand for a not-found error.</summary>
    public static BeamException NotFound(string message) => new(BeamErrorKind.NotFound, message);

    /// <summary>Shorthand for a conflict error.</summary>
    public static BeamException Conflict(string message) => new(BeamErrorKind.Conflict, message);

    /// <summary>Shorthand for an invalid-argument error.</summary>
    public static BeamException Invalid(string message) => new(BeamErrorKind.Invalid, message);

    /// <summary>Shorthand for a not-implemented error.</summary>
    public static BeamException NotImplemented(string message) => new(BeamErrorKind.NotImplemented, message);

    /// <summary>Shorthand for an unavailable error.</summary>
    public static BeamException Unavailable(string message, Exception? inner = null) => new(BeamErrorKind.Unavailable, message, inner);
}
