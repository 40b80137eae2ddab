namespace Swarm.Benchmarks.Beam;

/// <summary>What stands in front of the answering router for the second and third hop.</summary>
public enum HopKind
{
    /// <summary>
    /// A full Beam hop: its own bounded pipe, a BeamServer and a BeamRouter whose handler forwards the request
    /// with a BeamClient and relays the reply (what aggregate and any router-based middle backend do).
    /// </summary>
    Router,

    /// <summary>
    /// The <c>debug</c> backend's DebugProxy with a NullLogger, as swarmd chains it: no pipe of its own, it
    /// wraps the reply route and hands the message straight to the next instance's input.
    /// </summary>
    Debug,
}
