using System.Text.Json;
using System.Text.RegularExpressions;

namespace Swarm.Backends.DockerServer.Http;

/// <summary>
/// The <c>filters</c> parameter in both shapes clients send: <c>{"name":{"x":true}}</c> (CLI, Docker.DotNet) and
/// <c>{"name":["x"]}</c> (docker-py, dockerode, old CLI); empty means none.
/// </summary>
internal sealed class Filters
{
    public static readonly Filters None = new([]);

    private readonly Dictionary<string, List<string>> _values;

    private Filters(Dictionary<string, List<string>> values) => _values = values;

    public bool IsEmpty => _values.Count == 0;

    public IEnumerable<string> Keys => _values.Keys;

    public static Filters Parse(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return None;
        }

        try
        {
            using var document = JsonDocument.Parse(text);
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                throw Invalid(text);
            }

            var values = new Dictionary<string, List<string>>(StringComparer.Ordinal);
            foreach (var property in document.RootElement.EnumerateObject())
            {
                var list = new List<string>();
                switch (property.Value.ValueKind)
                {
                    case JsonValueKind.Object:
                        list.AddRange(property.Value.EnumerateObject().Where(p => p.Value.ValueKind != JsonValueKind.False).Select(p => p.Name));
                        break;
                    case JsonValueKind.Array:
                        list.AddRange(property.Value.EnumerateArray().Select(v => v.ValueKind == JsonValueKind.String ? v.GetString()! : v.GetRawText()));
                        break;
                    case JsonValueKind.String:
                        list.Add(property.Value.GetString()!);
                        break;
                    default:
                        throw Invalid(text);
                }

                values[property.Name] = list;
            }

            return new Filters(values);
        }
        catch (JsonException)
        {
            throw Invalid(text);
        }
    }

    /// <summary>Rejects filter names outside <paramref name="known"/> as dockerd does.</summary>
    public Filters Accept(params ReadOnlySpan<string> known)
    {
        foreach (var key in _values.Keys)
        {
            if (!known.Contains(key))
            {
                throw DockerHttpException.BadRequest($"invalid filter '{key}'");
            }
        }

        return this;
    }

    /// <summary>The values of one filter (empty when absent).</summary>
    public IReadOnlyList<string> Get(string key) => _values.TryGetValue(key, out var list) ? list : [];

    /// <summary>True when the filter is absent, or when any of its values satisfies <paramref name="match"/>.</summary>
    public bool Match(string key, Func<string, bool> match) =>
        !_values.TryGetValue(key, out var list) || list.Count == 0 || list.Exists(v => match(v));

    /// <summary>
    /// The values of one filter as dockerd matches names and ids: regular expressions, a value that is not one matching
    /// itself literally.
    /// </summary>
    public Regex[] Patterns(string key) => [.. Get(key).Select(Pattern)];

    private static Regex Pattern(string pattern)
    {
        try
        {
            return new Regex(pattern, RegexOptions.CultureInvariant, TimeSpan.FromMilliseconds(100));
        }
        catch (ArgumentException)
        {
            return new Regex(Regex.Escape(pattern), RegexOptions.CultureInvariant, TimeSpan.FromMilliseconds(100));
        }
    }

    private static DockerHttpException Invalid(string text) =>
        DockerHttpException.BadRequest($"invalid filters: {text} (expected {{\"name\":[\"value\"]}} or {{\"name\":{{\"value\":true}}}})");
}
