namespace Swarm.Backends.Openstack.Config;

/// <summary>
/// Picks the credentials: <c>--cloud</c>, else OS_CLOUD (clouds.yaml + secure.yaml), else OS_* variables.
/// Checks that they are complete enough to try, without contacting the cloud.
/// </summary>
internal static class CredentialResolver
{
    /// <summary>Resolves and validates; failures are <see cref="OpenstackConfigException"/> with one line.</summary>
    public static OpenstackCredentials Resolve(string? cloud, IReadOnlyDictionary<string, string> env, IReadOnlyList<string>? directories = null)
    {
        cloud ??= env.TryGetValue("OS_CLOUD", out var c) && c.Length > 0 ? c : null;
        var credentials = cloud is not null
            ? CloudsYaml.Read(cloud, env, directories ?? CloudsYaml.DefaultDirectories(env))
            : EnvironmentCredentials.Read(env)
                ?? throw new OpenstackConfigException(
                    "openstack: no credentials: set OS_AUTH_URL, OS_USERNAME, OS_PASSWORD and OS_PROJECT_NAME (or OS_TENANT_NAME), or OS_CLOUD / --cloud for a clouds.yaml entry");
        Validate(credentials);
        return credentials;
    }

    /// <summary>Checks that the credentials name a method and everything the method needs.</summary>
    public static void Validate(OpenstackCredentials credentials)
    {
        if (!Uri.TryCreate(credentials.AuthUrl, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
        {
            throw new OpenstackConfigException($"openstack: auth URL '{credentials.AuthUrl}' is not an http(s) URL ({credentials.Source})");
        }

        switch (credentials.Method)
        {
            case "application_credential":
                if (credentials.ApplicationCredentialId is null && (credentials.ApplicationCredentialName is null || (credentials.Username is null && credentials.UserId is null)))
                {
                    throw new OpenstackConfigException(
                        $"openstack: an application credential needs OS_APPLICATION_CREDENTIAL_ID, or its name with OS_USERNAME ({credentials.Source})");
                }

                break;
            case "password":
                if (credentials.Username is null && credentials.UserId is null)
                {
                    throw new OpenstackConfigException($"openstack: password auth needs OS_USERNAME or OS_USER_ID ({credentials.Source})");
                }

                RequireProject(credentials);
                break;
            case "token":
                RequireProject(credentials);
                break;
            default:
                var who = credentials.Username ?? credentials.UserId;
                throw new OpenstackConfigException(who is null
                    ? $"openstack: no credentials: set OS_USERNAME and OS_PASSWORD, an application credential or OS_TOKEN ({credentials.Source})"
                    : $"openstack: no password for user '{who}': set OS_PASSWORD ({credentials.Source})");
        }
    }

    private static void RequireProject(OpenstackCredentials credentials)
    {
        if (credentials.ProjectName is null && credentials.ProjectId is null)
        {
            throw new OpenstackConfigException(
                $"openstack: no project: set OS_PROJECT_NAME (or OS_TENANT_NAME) or OS_PROJECT_ID ({credentials.Source})");
        }
    }
}
