using Swarm.Backends.Openstack.Compute.V2;

namespace Swarm.Backends.Openstack.Cloud;

/// <summary>A wait on a server ran out of time; carries the last state seen, for the message.</summary>
internal sealed class ServerWaitTimeoutException : TimeoutException
{
    public ServerWaitTimeoutException(Server? last, bool heardAny)
        : base("the server did not reach the state in time")
    {
        Last = last;
        HeardAny = heardAny;
    }

    public ServerWaitTimeoutException()
    {
    }

    public ServerWaitTimeoutException(string message)
        : base(message)
    {
    }

    public ServerWaitTimeoutException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>The last state seen (null: gone, or nothing heard).</summary>
    public Server? Last { get; }

    /// <summary>Whether anything was heard at all.</summary>
    public bool HeardAny { get; }
}
