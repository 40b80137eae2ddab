namespace Swarm.Core.Backends;

/// <summary>A spec cannot be used: an unknown backend, a bad option, a missing argument. swarmd exits 2.</summary>
public sealed class SwarmSpecException : Exception
{
    /// <summary>Creates the error; the message is the one line the user sees.</summary>
    public SwarmSpecException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the error with its cause.</summary>
    public SwarmSpecException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates an error with a generic message.</summary>
    public SwarmSpecException()
        : base("invalid spec")
    {
    }
}
