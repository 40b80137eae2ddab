namespace Swarm.Backends.DockerServer.Wire;

/// <summary><c>POST /networks/create</c>'s body (keys match ignoring case; nulls where a client leaves a field out).</summary>
internal sealed record NetworkCreateBody
{
    public string? Name { get; init; }

    public bool? CheckDuplicate { get; init; }

    public string? Driver { get; init; }

    public string? Scope { get; init; }

    public bool Internal { get; init; }

    public bool Attachable { get; init; }

    public bool Ingress { get; init; }

    public bool ConfigOnly { get; init; }

    public ConfigReference? ConfigFrom { get; init; }

    public bool? EnableIPv6 { get; init; }

    public WireIpam? IPAM { get; init; }

    public Dictionary<string, string>? Options { get; init; }

    public Dictionary<string, string>? Labels { get; init; }
}
