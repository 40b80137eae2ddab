using System.Globalization;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Swarm.Backends.Openstack.Config;

/// <summary>
/// Reads one cloud from clouds.yaml merged with secure.yaml, in the places and order the openstack CLI
/// looks: OS_CLIENT_CONFIG_FILE / OS_CLIENT_SECURE_FILE, the current directory, ~/.config/openstack, /etc/openstack.
/// </summary>
internal static class CloudsYaml
{
    /// <summary>The directories searched, in order.</summary>
    public static IReadOnlyList<string> DefaultDirectories(IReadOnlyDictionary<string, string> env)
    {
        var home = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
        var xdg = env.TryGetValue("XDG_CONFIG_HOME", out var x) && x.Length > 0 ? x : Path.Combine(home, ".config");
        return [Directory.GetCurrentDirectory(), Path.Combine(xdg, "openstack"), "/etc/openstack"];
    }

    /// <summary>Finds and reads cloud <paramref name="cloud"/>; a missing file or entry is a one-line error.</summary>
    public static OpenstackCredentials Read(string cloud, IReadOnlyDictionary<string, string> env, IReadOnlyList<string> directories)
    {
        var cloudsFile = Find("OS_CLIENT_CONFIG_FILE", "clouds", env, directories)
            ?? throw new OpenstackConfigException(
                $"openstack: --cloud/OS_CLOUD is '{cloud}' but no clouds.yaml was found (looked in {string.Join(", ", directories)})");
        var secureFile = Find("OS_CLIENT_SECURE_FILE", "secure", env, directories);
        var clouds = Clouds(cloudsFile);
        if (!clouds.TryGetValue(cloud, out var entry) || entry is not Dictionary<object, object> map)
        {
            var known = string.Join(", ", clouds.Keys.Select(k => k.ToString()));
            throw new OpenstackConfigException($"openstack: cloud '{cloud}' is not in {cloudsFile} (it has: {known})");
        }

        if (secureFile is not null && Clouds(secureFile).TryGetValue(cloud, out var secure) && secure is Dictionary<object, object> secureMap)
        {
            Merge(map, secureMap);
        }

        return ToCredentials(cloud, cloudsFile, map);
    }

    private static string? Find(string variable, string stem, IReadOnlyDictionary<string, string> env, IReadOnlyList<string> directories)
    {
        if (env.TryGetValue(variable, out var explicitFile) && explicitFile.Length > 0)
        {
            return File.Exists(explicitFile) ? explicitFile : null;
        }

        return directories
            .SelectMany(d => new[] { Path.Combine(d, stem + ".yaml"), Path.Combine(d, stem + ".yml") })
            .FirstOrDefault(File.Exists);
    }

    private static Dictionary<object, object> Clouds(string file)
    {
        try
        {
            // The representation model (a node tree), not the object deserializer: no reflection, so the
            // Native AOT swarmd reads clouds.yaml as the JIT one does.
            var yaml = new YamlStream();
            using (var reader = new StreamReader(file))
            {
                yaml.Load(reader);
            }

            return yaml.Documents.Count > 0
                && ToPlain(yaml.Documents[0].RootNode) is Dictionary<object, object> root
                && root.TryGetValue("clouds", out var clouds) && clouds is Dictionary<object, object> map
                ? map
                : [];
        }
        catch (YamlException ex)
        {
            throw new OpenstackConfigException($"openstack: {file} is not valid YAML: {ex.Message}", ex);
        }
    }

    /// <summary>A node as plain values: mappings as dictionaries, sequences as lists, scalars as strings, ~ as null.</summary>
    private static object? ToPlain(YamlNode node) => node switch
    {
        YamlMappingNode mapping => ToPlain(mapping),
        YamlSequenceNode sequence => sequence.Children.Select(ToPlain).ToList(),
        YamlScalarNode scalar => IsNull(scalar) ? null : scalar.Value,
        _ => null,
    };

    private static Dictionary<object, object> ToPlain(YamlMappingNode mapping)
    {
        var map = new Dictionary<object, object>();
        foreach (var (key, value) in mapping.Children)
        {
            if (key is YamlScalarNode { Value: { } name })
            {
                map[name] = ToPlain(value)!;
            }
        }

        return map;
    }

    private static bool IsNull(YamlScalarNode scalar) =>
        scalar.Style == ScalarStyle.Plain && scalar.Value is null or "" or "~" or "null" or "Null" or "NULL";

    private static void Merge(Dictionary<object, object> target, Dictionary<object, object> source)
    {
        foreach (var (key, value) in source)
        {
            if (value is Dictionary<object, object> child && target.TryGetValue(key, out var existing) && existing is Dictionary<object, object> into)
            {
                Merge(into, child);
            }
            else
            {
                target[key] = value;
            }
        }
    }

    private static OpenstackCredentials ToCredentials(string cloud, string file, Dictionary<object, object> map)
    {
        var auth = map.TryGetValue("auth", out var a) && a is Dictionary<object, object> am ? am : [];
        string? Get(Dictionary<object, object> from, string key) =>
            from.TryGetValue(key, out var v) && v is not null && Convert.ToString(v, CultureInfo.InvariantCulture) is { Length: > 0 } s ? s : null;

        var authUrl = Get(auth, "auth_url")
            ?? throw new OpenstackConfigException($"openstack: cloud '{cloud}' in {file} has no auth.auth_url");
        var domainName = Get(auth, "domain_name");
        var domainId = Get(auth, "domain_id");
        return new OpenstackCredentials
        {
            AuthUrl = authUrl,
            Username = Get(auth, "username"),
            UserId = Get(auth, "user_id"),
            Password = Get(auth, "password"),
            UserDomainName = Get(auth, "user_domain_name") ?? domainName,
            UserDomainId = Get(auth, "user_domain_id") ?? domainId,
            ProjectName = Get(auth, "project_name") ?? Get(auth, "tenant_name"),
            ProjectId = Get(auth, "project_id") ?? Get(auth, "tenant_id"),
            ProjectDomainName = Get(auth, "project_domain_name") ?? domainName,
            ProjectDomainId = Get(auth, "project_domain_id") ?? domainId,
            ApplicationCredentialId = Get(auth, "application_credential_id"),
            ApplicationCredentialName = Get(auth, "application_credential_name"),
            ApplicationCredentialSecret = Get(auth, "application_credential_secret"),
            Token = Get(auth, "token"),
            RegionName = Get(map, "region_name"),
            Interface = Get(map, "interface") ?? Get(map, "endpoint_type"),
            Source = $"clouds.yaml cloud '{cloud}' ({file})",
        };
    }
}
