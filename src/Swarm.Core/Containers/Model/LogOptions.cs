namespace Swarm.Core.Containers;

/// <summary>Which logs to stream.</summary>
public sealed record LogOptions
{
    /// <summary>Keep streaming new output until the container stops or the caller cancels.</summary>
    public bool Follow { get; init; }

    /// <summary>How many lines from the end (null: all).</summary>
    public int? Tail { get; init; }

    /// <summary>Only output written at or after this time.</summary>
    public DateTimeOffset? Since { get; init; }

    /// <summary>Only output written before this time.</summary>
    public DateTimeOffset? Until { get; init; }

    /// <summary>Include standard output.</summary>
    public bool Stdout { get; init; } = true;

    /// <summary>Include standard error.</summary>
    public bool Stderr { get; init; } = true;
}
