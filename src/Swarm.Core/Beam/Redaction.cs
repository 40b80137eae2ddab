using Swarm.Core.Containers;

namespace Swarm.Core.Beam;

/// <summary>
/// Masks the values a log line must not show: environment values and label values can hold passwords, and the
/// <c>debug</c> backend logs bodies. Keys stay, so a log still says which variable or label was set.
/// </summary>
internal static class Redaction
{
    public const string Mask = "***";

    // Event attributes that are facts about the event, not labels.
    private static readonly HashSet<string> EventFacts = new(StringComparer.Ordinal) { "exitCode", "oldName", "signal", "name", "image" };

    public static IReadOnlyList<string> Env(IReadOnlyList<string> env) =>
        [.. env.Select(e => e.IndexOf('=', StringComparison.Ordinal) is var i and >= 0 ? string.Concat(e.AsSpan(0, i + 1), Mask) : e)];

    public static IReadOnlyDictionary<string, string> Labels(IReadOnlyDictionary<string, string> labels) =>
        labels.ToDictionary(kv => kv.Key, _ => Mask, StringComparer.Ordinal);

    public static IReadOnlyDictionary<string, string> Attributes(IReadOnlyDictionary<string, string> attributes) =>
        attributes.ToDictionary(kv => kv.Key, kv => EventFacts.Contains(kv.Key) ? kv.Value : Mask, StringComparer.Ordinal);

    public static ContainerRecord Record(ContainerRecord record) => record with { Env = Env(record.Env), Labels = Labels(record.Labels) };
}
