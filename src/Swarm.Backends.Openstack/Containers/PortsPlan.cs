using Swarm.Core.Containers;

namespace Swarm.Backends.Openstack.Containers;

/// <summary>A create's ports, checked: the exposed ports, the bindings as asked, and what is to be forwarded, on which floating IP.</summary>
/// <param name="Exposed">The exposed ports, <c>80/tcp</c>, the bound ones included.</param>
/// <param name="Asked">The bindings as asked (<c>HostConfig.PortBindings</c>).</param>
/// <param name="PublishAll"><c>-P</c>.</param>
/// <param name="Published">The ports to forward (bindings, and every exposed port with <c>-P</c>).</param>
/// <param name="Address">A floating IP address of the project the bindings name, or null for swarmd's choice.</param>
/// <param name="Own">The label <c>swarm.floating-ip=own</c>: a floating IP for this container alone.</param>
internal sealed record PortsPlan(
    IReadOnlyList<string> Exposed,
    IReadOnlyList<PortMapping> Asked,
    bool PublishAll,
    IReadOnlyList<PortMapping> Published,
    string? Address,
    bool Own)
{
    /// <summary>True when anything is to be forwarded.</summary>
    public bool Publishes => Published.Count > 0;

    /// <summary>What the metadata records before anything is made (null when the container exposes nothing).</summary>
    public PublishedState? State => Exposed.Count == 0 && Asked.Count == 0 && !PublishAll ? null : new PublishedState
    {
        Exposed = Exposed,
        PublishAll = PublishAll,
        Asked = Asked.Count == 0 ? null : [.. Asked.Select(b => new PortEntry { Container = b.PrivatePort, Protocol = b.Type, Host = b.PublicPort, Ip = b.Ip })],
    };
}
