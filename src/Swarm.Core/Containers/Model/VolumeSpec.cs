namespace Swarm.Core.Containers;

/// <summary>What volume to create (verb VolumeCreate): the part of Docker's <c>POST /volumes/create</c> a backend honours.</summary>
public sealed record VolumeSpec
{
    /// <summary>The name; empty lets the backend choose one (64 hex characters, as dockerd does).</summary>
    public string Name { get; init; } = "";

    /// <summary>The driver as asked (empty for the backend's default).</summary>
    public string Driver { get; init; } = "";

    /// <summary>Driver options (<c>docker volume create -o KEY=VALUE</c>), echoed verbatim by inspect.</summary>
    public IReadOnlyDictionary<string, string> DriverOpts { get; init; } = new Dictionary<string, string>();

    /// <summary>Labels, echoed verbatim by inspect (compose puts its own there).</summary>
    public IReadOnlyDictionary<string, string> Labels { get; init; } = new Dictionary<string, string>();
}
