namespace Swarm.Core.Beam;

/// <summary>What a request was sent to: an instance's input or a handle it handed out (Get answers differently).</summary>
public enum BeamTarget
{
    /// <summary>An instance (a link of a chain).</summary>
    Instance,

    /// <summary>A container handle from Resolve or Create.</summary>
    Container,
}
