namespace Swarm.Core.Containers;

/// <summary>Which output a log chunk came from (Docker's stdcopy stream numbers).</summary>
public enum LogStream
{
    /// <summary>Standard input (echoed).</summary>
    Stdin = 0,

    /// <summary>Standard output.</summary>
    Stdout = 1,

    /// <summary>Standard error.</summary>
    Stderr = 2,
}
