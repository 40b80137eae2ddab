namespace Swarm.Core.Containers;

/// <summary>
/// A container a host has found or made: its id and its record as it was then. A backend derives from it to keep
/// what it needs to act on the container without looking it up again (OpenStack keeps the Nova server); the Beam
/// client's handles carry the route to the container. Hosts are handed back only handles they made.
/// </summary>
public class ContainerHandle
{
    /// <summary>Wraps a record.</summary>
    public ContainerHandle(ContainerRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        Record = record;
    }

    /// <summary>The container's id.</summary>
    public string Id => Record.Id;

    /// <summary>The container as it was when this handle was made.</summary>
    public ContainerRecord Record { get; }

    /// <inheritdoc />
    public override string ToString() => Id;
}
