using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Swarm.Core.Beam;
using Swarm.Core.Containers;

namespace Swarm.Backends.Openstack.Containers;

/// <summary>
/// What swarmd keeps in Nova server metadata: the marker <c>swarm.managed=1</c>, the image reference, cmd,
/// entrypoint and env (JSON, split over <c>key</c>, <c>key:1</c>, ... when longer than 255 characters), tty and
/// stdin flags, the memory and CPU limits asked for, <c>swarm.unstarted</c> until the first start after the create,
/// the network mode asked for and the container's swarmd-made ports (<c>swarm.netmode</c>, <c>swarm.nets</c>), its
/// published ports and what swarmd made for them (<c>swarm.pub</c>), its Cinder volumes (<c>swarm.mounts</c>),
/// <c>--rm</c> (<c>swarm.rm</c>), the port that claims its name (<c>swarm.claim</c>), and each label as
/// <c>label.KEY</c>. Nova allows 128 items of at most 255 characters by default.
/// </summary>
internal static partial class ServerMetadata
{
    public const string Managed = "swarm.managed";
    public const string FlavorLabel = "swarm.flavor";

    /// <summary>The exit code Docker shows for the last stop when it was not 0 (a kill: 128 + the signal); removed by the next start.</summary>
    public const string ExitCode = "swarm.exit";

    /// <summary>Set at create, removed by the first start: that start answers 204 although Nova booted the server already.</summary>
    public const string Unstarted = "swarm.unstarted";

    /// <summary>The id of the Neutron port that claims the container's name (see <see cref="Cloud.NameClaims"/>).</summary>
    public const string Claim = "swarm.claim";
    public const int MaxItems = 128;
    public const int MaxLength = 255;

    private const string ImageKey = "swarm.image";
    private const string CmdKey = "swarm.cmd";
    private const string EntrypointKey = "swarm.entrypoint";
    private const string EnvKey = "swarm.env";
    private const string TtyKey = "swarm.tty";
    private const string MemoryKey = "swarm.memory";
    private const string NanoCpusKey = "swarm.nanocpus";
    private const string StdinKey = "swarm.stdin";
    private const string LabelPrefix = "label.";
    private const string NetModeKey = "swarm.netmode";
    private const string NetsKey = "swarm.nets";
    private const string PublishedKey = "swarm.pub";
    private const string MountsKey = "swarm.mounts";
    private const string AutoRemoveKey = "swarm.rm";

    /// <summary>The metadata for a new server; more than Nova accepts is an invalid-argument error.</summary>
    public static Dictionary<string, string> Build(ContainerSpec spec, int maxItems = MaxItems) => Build(spec, [], maxItems);

    /// <summary>The metadata for a new server on the networks of <paramref name="endpoints"/>.</summary>
    public static Dictionary<string, string> Build(ContainerSpec spec, IReadOnlyList<EndpointEntry> endpoints, int maxItems = MaxItems)
    {
        ArgumentNullException.ThrowIfNull(spec);
        var meta = new Dictionary<string, string>(StringComparer.Ordinal) { [Managed] = "1", [Unstarted] = "1" };
        if (spec.NetworkMode is { Length: > 0 } mode && mode != DockerNetworks.Default)
        {
            Put(meta, NetModeKey, mode);
        }

        foreach (var (key, value) in NetworkItems(endpoints))
        {
            meta[key] = value;
        }

        if (spec.Memory > 0)
        {
            meta[MemoryKey] = spec.Memory.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        if (spec.NanoCpus > 0)
        {
            meta[NanoCpusKey] = spec.NanoCpus.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        Put(meta, ImageKey, spec.Image);
        PutList(meta, CmdKey, spec.Cmd);
        PutList(meta, EntrypointKey, spec.Entrypoint);
        PutList(meta, EnvKey, spec.Env);
        if (spec.Tty)
        {
            meta[TtyKey] = "1";
        }

        if (spec.OpenStdin)
        {
            meta[StdinKey] = "1";
        }

        if (spec.AutoRemove)
        {
            meta[AutoRemoveKey] = "1";
        }

        foreach (var (key, value) in spec.Labels)
        {
            var metaKey = LabelPrefix + key;
            if (!ValidKey().IsMatch(metaKey))
            {
                throw BeamException.Invalid(
                    $"label '{key}' cannot be stored in Nova metadata: keys may use letters, digits, '-', '_', ':', '.', and spaces, up to {MaxLength - LabelPrefix.Length} characters");
            }

            if (value.Length > MaxLength)
            {
                throw BeamException.Invalid($"label '{key}' is {value.Length} characters long; Nova metadata values hold at most {MaxLength}");
            }

            meta[metaKey] = value;
        }

        // One item is kept for the name's claim, added once the claim is taken.
        if (meta.Count + 1 > maxItems)
        {
            throw BeamException.Invalid(
                $"this container needs {meta.Count + 1} Nova metadata items (labels, env, cmd, and swarmd's name claim) but the cloud allows {maxItems} per server");
        }

        return meta;
    }

    /// <summary>Adds the items that record a container's ports and mounts; more than Nova accepts (with the claim's item) is an invalid-argument error.</summary>
    public static Dictionary<string, string> With(Dictionary<string, string> meta, PublishedState? published, IReadOnlyList<MountEntry> mounts, int maxItems = MaxItems)
    {
        ArgumentNullException.ThrowIfNull(meta);
        ArgumentNullException.ThrowIfNull(mounts);
        if (published is not null)
        {
            Put(meta, PublishedKey, JsonSerializer.Serialize(published, OpenstackJson.Default.PublishedState));
        }

        if (mounts.Count > 0)
        {
            Put(meta, MountsKey, JsonSerializer.Serialize([.. mounts], OpenstackJson.Default.ListMountEntry));
        }

        // One item is kept for the name's claim, as in Build.
        return meta.Count + 1 <= maxItems ? meta : throw BeamException.Invalid(
            $"this container needs {meta.Count + 1} Nova metadata items (labels, env, cmd, ports, mounts, and swarmd's name claim) but the cloud allows {maxItems} per server");
    }

    /// <summary>The container's ports and what swarmd made for them, or null when it exposes and publishes nothing.</summary>
    public static PublishedState? Published(IReadOnlyDictionary<string, string>? meta) => Json(meta, PublishedKey, OpenstackJson.Default.PublishedState);

    /// <summary>The Cinder volumes the container mounts.</summary>
    public static IReadOnlyList<MountEntry> Mounts(IReadOnlyDictionary<string, string>? meta) => Json(meta, MountsKey, OpenstackJson.Default.ListMountEntry) ?? [];

    /// <summary>True when the container was created with <c>--rm</c>.</summary>
    public static bool AutoRemove(IReadOnlyDictionary<string, string>? meta) => meta is not null && meta.ContainsKey(AutoRemoveKey);

    /// <summary>The network mode asked for at create (<c>default</c> when none was).</summary>
    public static string NetworkMode(IReadOnlyDictionary<string, string> meta) => Get(meta, NetModeKey) ?? DockerNetworks.Default;

    /// <summary>The networks the container is on through ports swarmd made.</summary>
    public static IReadOnlyList<EndpointEntry> Endpoints(IReadOnlyDictionary<string, string>? meta)
    {
        var json = meta is null ? null : Get(meta, NetsKey);
        if (json is null)
        {
            return [];
        }

        try
        {
            return JsonSerializer.Deserialize(json, OpenstackJson.Default.ListEndpointEntry) ?? [];
        }
        catch (JsonException)
        {
            return [];
        }
    }

    /// <summary>The items that record <paramref name="endpoints"/> (none when there are none).</summary>
    public static Dictionary<string, string> NetworkItems(IReadOnlyList<EndpointEntry> endpoints)
    {
        var items = new Dictionary<string, string>(StringComparer.Ordinal);
        if (endpoints.Count > 0)
        {
            Put(items, NetsKey, JsonSerializer.Serialize([.. endpoints], OpenstackJson.Default.ListEndpointEntry));
        }

        return items;
    }

    /// <summary>The keys of <paramref name="meta"/> that recorded endpoints and that <paramref name="items"/> no longer uses.</summary>
    public static IReadOnlyList<string> StaleNetworkKeys(IReadOnlyDictionary<string, string> meta, IReadOnlyDictionary<string, string> items) =>
        [.. meta.Keys.Where(k => (k == NetsKey || k.StartsWith(NetsKey + ":", StringComparison.Ordinal)) && !items.ContainsKey(k))];

    /// <summary>True when swarmd created the server.</summary>
    public static bool IsManaged(IReadOnlyDictionary<string, string>? meta) =>
        meta is not null && meta.TryGetValue(Managed, out var v) && v == "1";

    public static string? Image(IReadOnlyDictionary<string, string> meta) => Get(meta, ImageKey);

    public static IReadOnlyList<string> Cmd(IReadOnlyDictionary<string, string> meta) => GetList(meta, CmdKey);

    public static IReadOnlyList<string> Entrypoint(IReadOnlyDictionary<string, string> meta) => GetList(meta, EntrypointKey);

    public static IReadOnlyList<string> Env(IReadOnlyDictionary<string, string> meta) => GetList(meta, EnvKey);

    public static bool Tty(IReadOnlyDictionary<string, string> meta) => meta.ContainsKey(TtyKey);

    public static bool IsUnstarted(IReadOnlyDictionary<string, string>? meta) => meta is not null && meta.ContainsKey(Unstarted);

    public static long Memory(IReadOnlyDictionary<string, string> meta) => Number(meta, MemoryKey);

    /// <summary>The exit code recorded by a kill, or null.</summary>
    public static int? Exit(IReadOnlyDictionary<string, string>? meta) => meta is not null && meta.TryGetValue(ExitCode, out var text)
        && int.TryParse(text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var code) ? code : null;

    public static long NanoCpus(IReadOnlyDictionary<string, string> meta) => Number(meta, NanoCpusKey);

    private static long Number(IReadOnlyDictionary<string, string> meta, string key) =>
        meta.TryGetValue(key, out var text) && long.TryParse(text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var n) ? n : 0;

    public static bool OpenStdin(IReadOnlyDictionary<string, string> meta) => meta.ContainsKey(StdinKey);

    /// <summary>Labels: <c>label.*</c> items, or every item of a server swarmd did not create.</summary>
    public static IReadOnlyDictionary<string, string> Labels(IReadOnlyDictionary<string, string> meta) => IsManaged(meta)
        ? meta.Where(kv => kv.Key.StartsWith(LabelPrefix, StringComparison.Ordinal)).ToDictionary(kv => kv.Key[LabelPrefix.Length..], kv => kv.Value, StringComparer.Ordinal)
        : new Dictionary<string, string>(meta, StringComparer.Ordinal);

    private static T? Json<T>(IReadOnlyDictionary<string, string>? meta, string key, System.Text.Json.Serialization.Metadata.JsonTypeInfo<T> type)
        where T : class
    {
        var json = meta is null ? null : Get(meta, key);
        if (json is null)
        {
            return null;
        }

        try
        {
            return JsonSerializer.Deserialize(json, type);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static void Put(Dictionary<string, string> meta, string key, string value)
    {
        if (value.Length == 0)
        {
            return;
        }

        for (var (i, offset) = (0, 0); offset < value.Length; i++, offset += MaxLength)
        {
            meta[i == 0 ? key : $"{key}:{i}"] = value.Substring(offset, Math.Min(MaxLength, value.Length - offset));
        }
    }

    private static void PutList(Dictionary<string, string> meta, string key, IReadOnlyList<string> values)
    {
        if (values.Count > 0)
        {
            Put(meta, key, JsonSerializer.Serialize([.. values], OpenstackJson.Default.ListString));
        }
    }

    private static string? Get(IReadOnlyDictionary<string, string> meta, string key)
    {
        if (!meta.TryGetValue(key, out var first))
        {
            return null;
        }

        var text = new StringBuilder(first);
        for (var i = 1; meta.TryGetValue($"{key}:{i}", out var part); i++)
        {
            text.Append(part);
        }

        return text.ToString();
    }

    private static IReadOnlyList<string> GetList(IReadOnlyDictionary<string, string> meta, string key)
    {
        var json = Get(meta, key);
        if (json is null)
        {
            return [];
        }

        try
        {
            return JsonSerializer.Deserialize(json, OpenstackJson.Default.ListString) ?? [];
        }
        catch (JsonException)
        {
            return [json];
        }
    }

    [GeneratedRegex("^[a-zA-Z0-9-_:. ]{1,255}$")]
    private static partial Regex ValidKey();
}
