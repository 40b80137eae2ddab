using Swarm.Core.Backends;

namespace Swarm.Backends.Openstack;

/// <summary>The options of an <c>openstack</c> spec.</summary>
public sealed record OpenstackOptions
{
    /// <summary>The option names that take a value.</summary>
    public static IReadOnlyCollection<string> Valued { get; } =
    [
        "flavor", "image", "network", "key-name", "security-group", "availability-zone", "region", "cloud",
        "interface", "boot-timeout", "poll-interval", "name", "claim-timeout", "claims-network", "floating-network", "router",
        "volume-size", "volume-setup",
    ];

    /// <summary>The flag names.</summary>
    public static IReadOnlyCollection<string> Flags { get; } = ["all-servers"];

    /// <summary>Default flavor (name or id); null picks m1.tiny if present, else the smallest.</summary>
    public string? Flavor { get; init; }

    /// <summary>Default image when a create names none.</summary>
    public string? Image { get; init; }

    /// <summary>Network (name or id) for new servers; null means <c>networks: none</c>.</summary>
    public string? Network { get; init; }

    /// <summary>Key pair for new servers.</summary>
    public string? KeyName { get; init; }

    /// <summary>Security groups for new servers.</summary>
    public IReadOnlyList<string> SecurityGroups { get; init; } = [];

    /// <summary>Availability zone for new servers.</summary>
    public string? AvailabilityZone { get; init; }

    /// <summary>Region (overrides OS_REGION_NAME / the cloud's region).</summary>
    public string? Region { get; init; }

    /// <summary>clouds.yaml entry (overrides OS_CLOUD).</summary>
    public string? Cloud { get; init; }

    /// <summary>Endpoint interface (overrides OS_INTERFACE); default public.</summary>
    public string? Interface { get; init; }

    /// <summary>How long a lifecycle call waits for Nova to reach the target state.</summary>
    public TimeSpan BootTimeout { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>How often state is polled while waiting, following logs or watching.</summary>
    public TimeSpan PollInterval { get; init; } = TimeSpan.FromMilliseconds(500);

    /// <summary>
    /// How old a name claim that no container, network or volume holds must be before another swarmd takes it over
    /// (one left by a swarmd that stopped half way through a create).
    /// </summary>
    public TimeSpan ClaimTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>The Neutron network that holds the project's name claims (made on first use).</summary>
    public string ClaimsNetwork { get; init; } = "swarm-claims";

    /// <summary>
    /// The external network published ports get their floating IP from (name or id); null: the cloud's only external
    /// network, if it has exactly one.
    /// </summary>
    public string? FloatingNetwork { get; init; }

    /// <summary>
    /// The router (name or id) swarmd connects its own networks to when a container on one publishes a port; null: the
    /// project's only router with its gateway on the floating network.
    /// </summary>
    public string? Router { get; init; }

    /// <summary>The size in GiB of a volume created without a <c>size</c> option.</summary>
    public int VolumeSize { get; init; } = 1;

    /// <summary>
    /// True (<c>--volume-setup=user-data</c>, the default): a server with volumes gets a user-data script that formats each
    /// new volume and mounts it at its path. False (<c>none</c>): the disks are attached and the image mounts them itself.
    /// </summary>
    public bool VolumeUserData { get; init; } = true;

    /// <summary>Show and manage servers swarmd did not create.</summary>
    public bool AllServers { get; init; }

    /// <summary>The instance name in messages.</summary>
    public string Name { get; init; } = OpenstackBackend.BackendName;

    /// <summary>Parses a spec; a bad option is one <see cref="SwarmSpecException"/> line.</summary>
    public static OpenstackOptions Parse(BackendSpec spec)
    {
        var options = SpecOptions.Parse(spec, Valued, Flags).RejectPositional();

        string? Text(string name) => options.Get(name) is { } value
            ? value.Length > 0 ? value : throw new SwarmSpecException($"openstack: --{name} needs a value")
            : null;

        var endpointInterface = Text("interface");
        if (endpointInterface is not null && endpointInterface is not ("public" or "internal" or "admin"))
        {
            throw new SwarmSpecException($"openstack: --interface takes public, internal or admin, not '{endpointInterface}'");
        }

        var volumeSize = Text("volume-size") is { } size
            ? int.TryParse(size, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var gib) && gib is > 0 and <= 65536
                ? gib
                : throw new SwarmSpecException($"openstack: --volume-size takes whole GiB (1 or more), not '{size}'")
            : 1;
        var volumeSetup = Text("volume-setup") ?? "user-data";
        if (volumeSetup is not ("user-data" or "none"))
        {
            throw new SwarmSpecException($"openstack: --volume-setup takes user-data or none, not '{volumeSetup}'");
        }

        return new OpenstackOptions
        {
            Flavor = Text("flavor"),
            Image = Text("image"),
            Network = Text("network") is { } network && !string.Equals(network, "none", StringComparison.OrdinalIgnoreCase) ? network : null,
            KeyName = Text("key-name"),
            SecurityGroups = [.. options.GetAll("security-group").SelectMany(g => g.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))],
            AvailabilityZone = Text("availability-zone"),
            Region = Text("region"),
            Cloud = Text("cloud"),
            Interface = endpointInterface,
            BootTimeout = options.Duration("boot-timeout") ?? TimeSpan.FromMinutes(5),
            PollInterval = options.Duration("poll-interval") ?? TimeSpan.FromMilliseconds(500),
            ClaimTimeout = options.Duration("claim-timeout") ?? TimeSpan.FromSeconds(30),
            ClaimsNetwork = Text("claims-network") ?? "swarm-claims",
            AllServers = options.Flag("all-servers"),
            FloatingNetwork = Text("floating-network"),
            Router = Text("router"),
            VolumeSize = volumeSize,
            VolumeUserData = volumeSetup == "user-data",
            Name = Text("name") ?? OpenstackBackend.BackendName,
        };
    }
}
