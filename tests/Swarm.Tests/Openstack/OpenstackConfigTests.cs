using System.Collections.Immutable;
using Swarm.Backends.Openstack;
using Swarm.Backends.Openstack.Config;
using Swarm.Core.Backends;

namespace Swarm.Tests.Openstack;

/// <summary>Options, OS_* variables and clouds.yaml: read without contacting any cloud.</summary>
public sealed class OpenstackConfigTests
{
    private static readonly Dictionary<string, string> SeedEnv = new()
    {
        ["OS_TENANT_NAME"] = "admin",
        ["OS_USERNAME"] = "admin",
        ["OS_PASSWORD"] = "admin-secret",
        ["OS_AUTH_URL"] = "http://9.1.2.3:5000/v2.0/",
    };

    [Test]
    public void Resolve_SeedVariables_LegacyTenantIsProjectWithDefaultDomains()
    {
        var c = CredentialResolver.Resolve(null, SeedEnv, []);

        Assert.That(c.ProjectName, Is.EqualTo("admin"));
        Assert.That(c.Method, Is.EqualTo("password"));
        Assert.That(c.ToString(), Does.Not.Contain("admin-secret"));
        var body = Swarm.Backends.Openstack.Identity.V3.AuthRequest.Build(c);
        Assert.That(body, Does.Contain("\"domain\":{\"name\":\"Default\"}"));
    }

    [Test]
    public void Resolve_NoPassword_OneLineNamingTheVariable()
    {
        var env = new Dictionary<string, string>(SeedEnv);
        env.Remove("OS_PASSWORD");

        var ex = Assert.Throws<OpenstackConfigException>(() => CredentialResolver.Resolve(null, env, []));

        Assert.That(ex!.Message, Does.Contain("OS_PASSWORD").And.Not.Contain("\n"));
    }

    [Test]
    public void Resolve_Nothing_SaysWhatToSet()
    {
        var ex = Assert.Throws<OpenstackConfigException>(() => CredentialResolver.Resolve(null, new Dictionary<string, string>(), []));

        Assert.That(ex!.Message, Does.Contain("OS_AUTH_URL").And.Contain("OS_CLOUD"));
    }

    [Test]
    public void Resolve_ApplicationCredential_NeedsNoProject()
    {
        var env = new Dictionary<string, string>
        {
            ["OS_AUTH_URL"] = "https://keystone.example/v3",
            ["OS_APPLICATION_CREDENTIAL_ID"] = "ac1",
            ["OS_APPLICATION_CREDENTIAL_SECRET"] = "shh",
        };

        var c = CredentialResolver.Resolve(null, env, []);

        Assert.That(c.Method, Is.EqualTo("application_credential"));
        Assert.That(Swarm.Backends.Openstack.Identity.V3.AuthRequest.Build(c), Does.Contain("\"application_credential\":{\"secret\":\"shh\",\"id\":\"ac1\"}").And.Not.Contain("scope"));
    }

    [Test]
    public void Resolve_CloudsYamlWithSecureYaml_Merged()
    {
        var dir = Directory.CreateTempSubdirectory("swarm-clouds-").FullName;
        try
        {
            File.WriteAllText(Path.Combine(dir, "clouds.yaml"), """
                clouds:
                  dev:
                    region_name: RegionTwo
                    interface: internal
                    auth:
                      auth_url: http://127.0.0.1:5000/v3
                      username: bob
                      project_name: proj
                      user_domain_name: Users
                      project_domain_id: pd1
                """);
            File.WriteAllText(Path.Combine(dir, "secure.yaml"), """
                clouds:
                  dev:
                    auth:
                      password: from-secure
                """);

            var c = CredentialResolver.Resolve("dev", new Dictionary<string, string>(), [dir]);

            Assert.That(c.Password, Is.EqualTo("from-secure"));
            Assert.That(c.RegionName, Is.EqualTo("RegionTwo"));
            Assert.That(c.Interface, Is.EqualTo("internal"));
            Assert.That(c.UserDomainName, Is.EqualTo("Users"));
            Assert.That(c.ProjectDomainId, Is.EqualTo("pd1"));
            var missing = Assert.Throws<OpenstackConfigException>(() => CredentialResolver.Resolve("prod", new Dictionary<string, string>(), [dir]));
            Assert.That(missing!.Message, Does.Contain("'prod'").And.Contain("dev"));
        }
        finally
        {
            Directory.Delete(dir, true);
        }
    }

    [Test]
    public void Resolve_CloudsYamlInOtherYamlForms_ReadLikeTheBlockForm()
    {
        // What openstack CLI users write besides the plain block form: comments, quoting, flow mappings,
        // anchors and aliases, numbers that must stay strings, an explicit null.
        var dir = Directory.CreateTempSubdirectory("swarm-clouds-").FullName;
        try
        {
            File.WriteAllText(Path.Combine(dir, "clouds.yml"), """
                # clouds.yaml written by hand
                common: &auth_common
                  auth_url: 'http://127.0.0.1:5000/v3'   # quoted
                  user_domain_name: Default
                clouds:
                  flow: {region_name: "Region One", auth: {auth_url: "http://10.0.0.1:5000/v3", username: alice, project_id: 0123, password: "p: w#d"}}
                  aliased:
                    region_name: ~
                    auth: *auth_common
                  folded:
                    auth:
                      auth_url: >-
                        http://127.0.0.2:5000/v3
                      application_credential_id: ac-1
                      application_credential_secret: |-
                        s3cret
                """);

            var flow = CredentialResolver.Resolve("flow", new Dictionary<string, string>(), [dir]);
            var aliased = CloudsYaml.Read("aliased", new Dictionary<string, string>(), [dir]);
            var folded = CredentialResolver.Resolve("folded", new Dictionary<string, string>(), [dir]);

            Assert.That(flow.AuthUrl, Is.EqualTo("http://10.0.0.1:5000/v3"));
            Assert.That(flow.RegionName, Is.EqualTo("Region One"));
            Assert.That(flow.ProjectId, Is.EqualTo("0123"));
            Assert.That(flow.Password, Is.EqualTo("p: w#d"));
            Assert.That(aliased.AuthUrl, Is.EqualTo("http://127.0.0.1:5000/v3"));
            Assert.That(aliased.UserDomainName, Is.EqualTo("Default"));
            Assert.That(aliased.RegionName, Is.Null);
            Assert.That(folded.AuthUrl, Is.EqualTo("http://127.0.0.2:5000/v3"));
            Assert.That(folded.ApplicationCredentialSecret, Is.EqualTo("s3cret"));
            Assert.That(folded.Method, Is.EqualTo("application_credential"));
        }
        finally
        {
            Directory.Delete(dir, true);
        }
    }

    [Test]
    public void Resolve_CloudsYamlNotYaml_OneLineNamingTheFile()
    {
        var dir = Directory.CreateTempSubdirectory("swarm-clouds-").FullName;
        try
        {
            var file = Path.Combine(dir, "clouds.yaml");
            File.WriteAllText(file, "clouds:\n  dev:\n    auth: {auth_url: [unclosed\n");

            var ex = Assert.Throws<OpenstackConfigException>(() => CredentialResolver.Resolve("dev", new Dictionary<string, string>(), [dir]));

            Assert.That(ex!.Message, Does.Contain(file).And.Contain("not valid YAML").And.Not.Contain("\n"));
        }
        finally
        {
            Directory.Delete(dir, true);
        }
    }

    [Test]
    public void Backend_SeedSpec_ParsesWithoutContactingCloud()
    {
        var backend = new OpenstackBackend(() => SeedEnv);

        var options = OpenstackOptions.Parse(Spec("openstack --flavor=m1.tiny --boot-timeout 90s --security-group a,b --all-servers"));

        Assert.That(options.Flavor, Is.EqualTo("m1.tiny"));
        Assert.That(options.BootTimeout, Is.EqualTo(TimeSpan.FromSeconds(90)));
        Assert.That(options.SecurityGroups, Is.EqualTo(new[] { "a", "b" }));
        Assert.That(options.AllServers, Is.True);
        Assert.That(backend.Name, Is.EqualTo("openstack"));
    }

    [TestCase("openstack --flavour=m1.tiny", "unknown option --flavour")]
    [TestCase("openstack --interface=outside", "--interface takes public, internal or admin")]
    [TestCase("openstack --boot-timeout=soon", "--boot-timeout")]
    [TestCase("openstack --boot-timeout=", "--boot-timeout needs a value")]
    [TestCase("openstack --poll-interval=", "--poll-interval needs a value")]
    [TestCase("openstack --boot-timeout=1e300", "--boot-timeout")]
    [TestCase("openstack --poll-interval=99999999h", "--poll-interval")]
    [TestCase("openstack m1.tiny", "unexpected argument 'm1.tiny'")]
    public void Parse_BadSpec_OneClearLine(string spec, string expected)
    {
        var ex = Assert.Throws<SwarmSpecException>(() => OpenstackOptions.Parse(Spec(spec)));

        Assert.That(ex!.Message, Does.Contain(expected).And.Not.Contain("\n"));
    }

    [TestCase("http://h:5000/v2.0/", "http://h:5000")]
    [TestCase("http://h:5000/identity/v2.0", "http://h:5000/identity")]
    [TestCase("http://h:5000", "http://h:5000")]
    [TestCase("http://h:5000/v3/", "http://h:5000")]
    public void IdentityRoot_StripsVersion(string given, string root) =>
        Assert.That(Swarm.Backends.Openstack.Identity.V3.IdentityUrls.Root(given), Is.EqualTo(root));

    private static BackendSpec Spec(string text) => BackendSpec.Parse(text);
}
