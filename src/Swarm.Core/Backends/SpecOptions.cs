using System.Globalization;

namespace Swarm.Core.Backends;

/// <summary>
/// The options and positional arguments of a spec. Options are <c>--name=value</c> or <c>--name value</c>;
/// flags are <c>--name</c>. Only declared names are accepted: anything else is one clear
/// <see cref="SwarmSpecException"/> that lists the known options.
/// </summary>
public sealed class SpecOptions
{
    private readonly Dictionary<string, List<string>> _values = new(StringComparer.Ordinal);
    private readonly string _backend;

    private SpecOptions(string backend, IReadOnlyList<string> positional)
    {
        _backend = backend;
        Positional = positional;
    }

    /// <summary>Arguments that are not options, in order.</summary>
    public IReadOnlyList<string> Positional { get; }

    /// <summary>
    /// Parses <paramref name="spec"/>'s arguments. <paramref name="valued"/> names options that take a value,
    /// <paramref name="flags"/> options that do not (a flag also accepts <c>=true</c>/<c>=false</c>).
    /// </summary>
    public static SpecOptions Parse(BackendSpec spec, IReadOnlyCollection<string> valued, IReadOnlyCollection<string>? flags = null)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(valued);
        flags ??= [];
        var positional = new List<string>();
        var values = new List<(string, string)>();
        for (var i = 0; i < spec.Args.Length; i++)
        {
            var arg = spec.Args[i];
            if (!arg.StartsWith("--", StringComparison.Ordinal) || arg == "--")
            {
                positional.Add(arg);
                continue;
            }

            var eq = arg.IndexOf('=', StringComparison.Ordinal);
            var name = eq < 0 ? arg[2..] : arg[2..eq];
            if (valued.Contains(name))
            {
                var value = eq >= 0 ? arg[(eq + 1)..]
                    : i + 1 < spec.Args.Length ? spec.Args[++i]
                    : throw new SwarmSpecException($"{spec.Name}: option --{name} needs a value");
                values.Add((name, value));
            }
            else if (flags.Contains(name))
            {
                values.Add((name, eq < 0 ? "true" : arg[(eq + 1)..]));
            }
            else
            {
                var known = valued.Select(v => $"--{v}=VALUE").Concat(flags.Select(f => $"--{f}"));
                throw new SwarmSpecException($"{spec.Name}: unknown option --{name} (known: {string.Join(", ", known)})");
            }
        }

        var options = new SpecOptions(spec.Name, positional);
        foreach (var (name, value) in values)
        {
            if (!options._values.TryGetValue(name, out var list))
            {
                options._values[name] = list = [];
            }

            list.Add(value);
        }

        return options;
    }

    /// <summary>Fails with one line when the spec has positional arguments, for backends that take none.</summary>
    public SpecOptions RejectPositional()
    {
        return Positional.Count == 0
            ? this
            : throw new SwarmSpecException($"{_backend}: unexpected argument '{Positional[0]}' (options are --name=value)");
    }

    /// <summary>The last value of an option, or null.</summary>
    public string? Get(string name) => _values.TryGetValue(name, out var list) ? list[^1] : null;

    /// <summary>Every value of a repeatable option.</summary>
    public IReadOnlyList<string> GetAll(string name) => _values.TryGetValue(name, out var list) ? list : [];

    /// <summary>A flag's value: absent is false; <c>true/false/1/0</c> otherwise.</summary>
    public bool Flag(string name) => Get(name) switch
    {
        null => false,
        var v when bool.TryParse(v, out var b) => b,
        "1" => true,
        "0" => false,
        var v => throw new SwarmSpecException($"{_backend}: --{name} takes true or false, not '{v}'"),
    };

    /// <summary>
    /// A duration option written as seconds (<c>300</c>) or with a unit (<c>5m</c>, <c>30s</c>, <c>1h</c>): positive,
    /// finite and at most 24 hours (the longest a timer or a deadline of a backend can be relied on to take).
    /// An empty value (<c>--t=</c>) is a spec error like a missing one.
    /// </summary>
    public TimeSpan? Duration(string name)
    {
        var text = Get(name);
        if (text is null)
        {
            return null;
        }

        if (text.Length == 0)
        {
            throw new SwarmSpecException($"{_backend}: --{name} needs a value");
        }

        var unit = text[^1] switch { 's' => 1, 'm' => 60, 'h' => 3600, _ => 0 };
        var number = unit == 0 ? text : text[..^1];
        if (!double.TryParse(number, NumberStyles.AllowDecimalPoint | NumberStyles.AllowExponent, CultureInfo.InvariantCulture, out var value)
            || !double.IsFinite(value) || value <= 0)
        {
            throw new SwarmSpecException($"{_backend}: --{name} takes a positive duration such as 300, 30s or 5m, not '{text}'");
        }

        var seconds = value * Math.Max(unit, 1);
        return seconds <= MaxDuration.TotalSeconds
            ? TimeSpan.FromSeconds(seconds)
            : throw new SwarmSpecException($"{_backend}: --{name} is at most 24h, not '{text}'");
    }

    private static TimeSpan MaxDuration => TimeSpan.FromHours(24);
}
