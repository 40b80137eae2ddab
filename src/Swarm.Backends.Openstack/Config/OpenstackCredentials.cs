namespace Swarm.Backends.Openstack.Config;

/// <summary>
/// Where and how to authenticate: the union of what OS_* variables and a clouds.yaml entry can say.
/// <see cref="ToString"/> never prints a secret.
/// </summary>
public sealed record OpenstackCredentials
{
    /// <summary>Keystone's URL as given (<c>.../v3</c>, <c>.../v2.0</c> or the root).</summary>
    public required string AuthUrl { get; init; }

    /// <summary>User name (password auth).</summary>
    public string? Username { get; init; }

    /// <summary>User id (password auth).</summary>
    public string? UserId { get; init; }

    /// <summary>The password.</summary>
    public string? Password { get; init; }

    /// <summary>Domain of the user, by name (default "Default" when neither name nor id is set).</summary>
    public string? UserDomainName { get; init; }

    /// <summary>Domain of the user, by id.</summary>
    public string? UserDomainId { get; init; }

    /// <summary>Project name (legacy OS_TENANT_NAME).</summary>
    public string? ProjectName { get; init; }

    /// <summary>Project id (legacy OS_TENANT_ID).</summary>
    public string? ProjectId { get; init; }

    /// <summary>Domain of the project, by name (default "Default").</summary>
    public string? ProjectDomainName { get; init; }

    /// <summary>Domain of the project, by id.</summary>
    public string? ProjectDomainId { get; init; }

    /// <summary>Application credential id.</summary>
    public string? ApplicationCredentialId { get; init; }

    /// <summary>Application credential name (needs the user).</summary>
    public string? ApplicationCredentialName { get; init; }

    /// <summary>Application credential secret.</summary>
    public string? ApplicationCredentialSecret { get; init; }

    /// <summary>An existing token (token auth).</summary>
    public string? Token { get; init; }

    /// <summary>Region of the endpoints to use.</summary>
    public string? RegionName { get; init; }

    /// <summary>Endpoint interface: public, internal or admin.</summary>
    public string? Interface { get; init; }

    /// <summary>Where these credentials came from, for messages ("OS_* variables", "clouds.yaml cloud 'x'").</summary>
    public string Source { get; init; } = "";

    /// <summary>The auth method these credentials use.</summary>
    public string Method =>
        ApplicationCredentialSecret is { Length: > 0 } ? "application_credential"
        : Password is { Length: > 0 } ? "password"
        : Token is { Length: > 0 } ? "token"
        : "none";

    /// <summary>A description without secrets.</summary>
    public override string ToString() =>
        $"{Method} auth at {AuthUrl} as {Username ?? UserId ?? ApplicationCredentialId ?? ApplicationCredentialName ?? "token"} ({Source})";
}
