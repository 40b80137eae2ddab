namespace Swarm.Core.Backends.Simulator;

/// <summary>Settings of a simulator instance.</summary>
public sealed record SimulatorOptions
{
    /// <summary>The host's name in messages and <c>docker info</c>.</summary>
    public string Name { get; init; } = SimulatorBackend.BackendName;

    /// <summary>Images it has besides the built-in ones (<c>cirros:latest</c>, <c>busybox:latest</c>, <c>alpine:latest</c>).</summary>
    public IReadOnlyList<string> ExtraImages { get; init; } = [];
}
