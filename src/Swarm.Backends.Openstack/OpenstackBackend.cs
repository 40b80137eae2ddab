using Microsoft.Extensions.Logging;
using Swarm.Backends.Openstack.Config;
using Swarm.Backends.Openstack.Containers;
using Swarm.Core.Backends;
using Swarm.Core.Containers;

namespace Swarm.Backends.Openstack;

/// <summary>
/// <c>openstack</c>: containers as Nova servers. Creating an instance reads and checks the options and
/// credentials without contacting the cloud; starting it authenticates and finds the endpoints, so bad
/// credentials fail swarmd at start-up with one line rather than on the first request.
/// </summary>
public sealed class OpenstackBackend : ContainerBackend
{
    /// <summary>The name in specs.</summary>
    public const string BackendName = "openstack";

    private readonly Func<IReadOnlyDictionary<string, string>> _environment;

    /// <summary>Creates the backend reading the process environment.</summary>
    public OpenstackBackend()
        : this(EnvironmentCredentials.Current)
    {
    }

    internal OpenstackBackend(Func<IReadOnlyDictionary<string, string>> environment) => _environment = environment;

    /// <inheritdoc />
    public override string Name => BackendName;

    /// <inheritdoc />
    public override string Description => "containers as OpenStack Nova servers (Keystone v3, Nova, Glance, Neutron, Cinder; OS_* variables or clouds.yaml)";

    /// <inheritdoc />
    public override string Usage =>
        "openstack [--flavor=NAME|ID] [--image=REF] [--network=NAME|ID] [--key-name=NAME] [--security-group=NAME]... "
        + "[--availability-zone=AZ] [--region=REGION] [--cloud=NAME] [--interface=public|internal|admin] "
        + "[--boot-timeout=5m] [--poll-interval=0.5s] [--all-servers] [--floating-network=NAME|ID] [--router=NAME|ID] "
        + "[--volume-size=GIB] [--volume-setup=user-data|none]";

    /// <inheritdoc />
    protected override IContainerHost CreateHost(BackendContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var options = OpenstackOptions.Parse(context.Spec);
        OpenstackCredentials credentials;
        try
        {
            credentials = CredentialResolver.Resolve(options.Cloud, _environment());
        }
        catch (OpenstackConfigException ex)
        {
            throw new SwarmSpecException(ex.Message, ex);
        }

        return new OpenstackHost(options, credentials, context.LoggerFactory.CreateLogger("Swarm.Openstack"));
    }
}
