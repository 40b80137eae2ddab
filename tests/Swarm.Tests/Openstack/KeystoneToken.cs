namespace Swarm.Tests.Openstack;

/// <summary>A token the tests got from the local Keystone, with what they need from its body.</summary>
public sealed record KeystoneToken(string Value, DateTimeOffset ExpiresAt, string UserId, string ComputeUrl, string? NetworkUrl = null, string? StorageUrl = null);
