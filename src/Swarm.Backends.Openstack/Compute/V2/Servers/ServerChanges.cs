namespace Swarm.Backends.Openstack.Compute.V2;

/// <summary>One <c>changes-since</c> listing: the servers changed (deleted ones included), and Nova's clock when it answered.</summary>
internal sealed record ServerChanges(IReadOnlyList<Server> Servers, DateTimeOffset? NovaTime);
