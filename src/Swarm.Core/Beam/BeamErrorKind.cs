namespace Swarm.Core.Beam;

/// <summary>Why a request failed: what a frontend needs to pick a status code.</summary>
public enum BeamErrorKind
{
    /// <summary>A failure of the backend itself: a bug or an unexpected answer from upstream.</summary>
    Internal = 0,

    /// <summary>The object named does not exist.</summary>
    NotFound,

    /// <summary>The object exists but its state forbids the request (a name in use, a running container).</summary>
    Conflict,

    /// <summary>The request itself is wrong: a bad argument, an ambiguous reference.</summary>
    Invalid,

    /// <summary>The backend cannot do this verb at all.</summary>
    NotImplemented,

    /// <summary>Upstream is down, slow or overloaded; trying again later may work.</summary>
    Unavailable,

    /// <summary>The backend's credentials were refused upstream.</summary>
    Unauthorized,
}
