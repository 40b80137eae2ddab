namespace Swarm.Core.Containers;

/// <summary>Something that happened to a container: one item of a Watch stream.</summary>
public sealed record ContainerEvent
{
    /// <summary>Docker's action name: create, start, die, stop, kill, pause, unpause, rename, destroy, restart.</summary>
    public required string Action { get; init; }

    /// <summary>The container's id.</summary>
    public required string Id { get; init; }

    /// <summary>The container's name at the time.</summary>
    public string Name { get; init; } = "";

    /// <summary>The container's image reference.</summary>
    public string Image { get; init; } = "";

    /// <summary>When it happened.</summary>
    public DateTimeOffset Time { get; init; }

    /// <summary>More attributes: <c>exitCode</c> on die, <c>oldName</c> on rename, <c>signal</c> on kill, labels.</summary>
    public IReadOnlyDictionary<string, string> Attributes { get; init; } = new Dictionary<string, string>();
}
