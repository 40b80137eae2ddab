namespace Swarm.Core.Backends;

/// <summary>
/// A named factory of backend instances (libswarm's "service"). Register one with
/// <c>SwarmBuilder.AddBackend</c>; swarmd finds it by <see cref="Name"/>.
/// </summary>
public interface IBackend
{
    /// <summary>The name users write in a spec: <c>simulator</c>, <c>dockerserver</c>. Looked up ignoring case.</summary>
    string Name { get; }

    /// <summary>One line for <c>swarmd</c>'s backend list.</summary>
    string Description { get; }

    /// <summary>The spec's syntax with its options, for <c>swarmd --help</c>.</summary>
    string Usage { get; }

    /// <summary>
    /// Makes an instance from a spec. Bad arguments throw <see cref="SwarmSpecException"/> here, before
    /// anything starts; nothing may be done upstream until <see cref="IBackendInstance.StartAsync"/>.
    /// </summary>
    IBackendInstance Create(BackendContext context);
}
