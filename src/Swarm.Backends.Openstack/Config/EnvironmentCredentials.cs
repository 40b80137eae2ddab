using System.Collections;

namespace Swarm.Backends.Openstack.Config;

/// <summary>Reads credentials from OS_* variables, as the openstack CLI does (legacy OS_TENANT_* too).</summary>
internal static class EnvironmentCredentials
{
    /// <summary>The process environment as a dictionary.</summary>
    public static IReadOnlyDictionary<string, string> Current()
    {
        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (DictionaryEntry entry in Environment.GetEnvironmentVariables())
        {
            if (entry.Key is string key && entry.Value is string value)
            {
                map[key] = value;
            }
        }

        return map;
    }

    /// <summary>Credentials from OS_* variables, or null when OS_AUTH_URL is not set.</summary>
    public static OpenstackCredentials? Read(IReadOnlyDictionary<string, string> env)
    {
        string? Get(params string[] names)
        {
            foreach (var name in names)
            {
                if (env.TryGetValue(name, out var value) && value.Length > 0)
                {
                    return value;
                }
            }

            return null;
        }

        var authUrl = Get("OS_AUTH_URL");
        if (authUrl is null)
        {
            return null;
        }

        return new OpenstackCredentials
        {
            AuthUrl = authUrl,
            Username = Get("OS_USERNAME"),
            UserId = Get("OS_USER_ID"),
            Password = Get("OS_PASSWORD"),
            UserDomainName = Get("OS_USER_DOMAIN_NAME", "OS_DEFAULT_DOMAIN_NAME"),
            UserDomainId = Get("OS_USER_DOMAIN_ID", "OS_DEFAULT_DOMAIN_ID", "OS_DEFAULT_DOMAIN"),
            ProjectName = Get("OS_PROJECT_NAME", "OS_TENANT_NAME"),
            ProjectId = Get("OS_PROJECT_ID", "OS_TENANT_ID"),
            ProjectDomainName = Get("OS_PROJECT_DOMAIN_NAME", "OS_DEFAULT_DOMAIN_NAME"),
            ProjectDomainId = Get("OS_PROJECT_DOMAIN_ID", "OS_DEFAULT_DOMAIN_ID", "OS_DEFAULT_DOMAIN"),
            ApplicationCredentialId = Get("OS_APPLICATION_CREDENTIAL_ID"),
            ApplicationCredentialName = Get("OS_APPLICATION_CREDENTIAL_NAME"),
            ApplicationCredentialSecret = Get("OS_APPLICATION_CREDENTIAL_SECRET"),
            Token = Get("OS_TOKEN", "OS_AUTH_TOKEN"),
            RegionName = Get("OS_REGION_NAME"),
            Interface = Get("OS_INTERFACE", "OS_ENDPOINT_TYPE"),
            Source = "OS_* environment variables",
        };
    }
}
