namespace Swarm.Backends.Openstack.Config;

/// <summary>Credentials or configuration cannot be used; the message is one line and holds no secret.</summary>
public sealed class OpenstackConfigException : Exception
{
    /// <summary>Creates the error.</summary>
    public OpenstackConfigException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the error with its cause.</summary>
    public OpenstackConfigException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the error with a generic message.</summary>
    public OpenstackConfigException()
        : base("openstack: invalid configuration")
    {
    }
}
