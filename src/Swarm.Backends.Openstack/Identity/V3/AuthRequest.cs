using System.Text.Json.Nodes;
using Swarm.Backends.Openstack.Config;

namespace Swarm.Backends.Openstack.Identity.V3;

/// <summary>
/// Builds the body of <c>POST /v3/auth/tokens</c> for password, application credential and token auth.
/// Its shape depends on the method (ids or names, with or without domains), so it is built as a JSON tree.
/// The result holds secrets: it is sent, never logged.
/// </summary>
internal static class AuthRequest
{
    private const string DefaultDomain = "Default";

    public static string Build(OpenstackCredentials c)
    {
        var identity = new JsonObject();
        var auth = new JsonObject { ["identity"] = identity };
        switch (c.Method)
        {
            case "application_credential":
                var appCredential = new JsonObject { ["secret"] = c.ApplicationCredentialSecret };
                if (c.ApplicationCredentialId is { } appId)
                {
                    appCredential["id"] = appId;
                }
                else
                {
                    appCredential["name"] = c.ApplicationCredentialName;
                    appCredential["user"] = User(c);
                }

                identity["methods"] = new JsonArray("application_credential");
                identity["application_credential"] = appCredential;
                break;
            case "password":
                var user = User(c);
                user["password"] = c.Password;
                identity["methods"] = new JsonArray("password");
                identity["password"] = new JsonObject { ["user"] = user };
                auth["scope"] = Scope(c);
                break;
            default:
                identity["methods"] = new JsonArray("token");
                identity["token"] = new JsonObject { ["id"] = c.Token };
                auth["scope"] = Scope(c);
                break;
        }

        return new JsonObject { ["auth"] = auth }.ToJsonString();
    }

    private static JsonObject User(OpenstackCredentials c) => c.UserId is { } id
        ? new JsonObject { ["id"] = id }
        : new JsonObject { ["name"] = c.Username, ["domain"] = Domain(c.UserDomainId, c.UserDomainName) };

    private static JsonObject Scope(OpenstackCredentials c) => new()
    {
        ["project"] = c.ProjectId is { } id
            ? new JsonObject { ["id"] = id }
            : new JsonObject { ["name"] = c.ProjectName, ["domain"] = Domain(c.ProjectDomainId, c.ProjectDomainName) },
    };

    private static JsonObject Domain(string? id, string? name) => id is not null
        ? new JsonObject { ["id"] = id }
        : new JsonObject { ["name"] = name ?? DefaultDomain };
}
