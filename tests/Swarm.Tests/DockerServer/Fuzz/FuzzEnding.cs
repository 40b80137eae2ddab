namespace Swarm.Tests.DockerServer.Fuzz;

/// <summary>How a fuzz client behaves once its bytes are sent.</summary>
public enum FuzzEnding
{
    /// <summary>Reads the answer (the request says <c>Connection: close</c>).</summary>
    Read,

    /// <summary>Half-closes, then reads what comes.</summary>
    HalfClose,

    /// <summary>Closes at once, reading nothing.</summary>
    Close,

    /// <summary>Resets the connection.</summary>
    Reset,
}
