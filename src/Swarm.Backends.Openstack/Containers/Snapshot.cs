using System.Collections.Frozen;

namespace Swarm.Backends.Openstack.Containers;

/// <summary>
/// An immutable cache state: values with the time each was stored, and when the whole was last filled. Caches keep
/// one in a volatile field and replace it whole, so a reader never sees half an update.
/// </summary>
internal sealed class Snapshot<TKey, TValue>
    where TKey : notnull
{
    private const int MaxEntries = 4096;

    private readonly FrozenDictionary<TKey, (TValue Value, DateTimeOffset At)> _entries;

    private Snapshot(FrozenDictionary<TKey, (TValue Value, DateTimeOffset At)> entries, DateTimeOffset at)
    {
        _entries = entries;
        At = at;
    }

    public static Snapshot<TKey, TValue> Empty { get; } = new(FrozenDictionary<TKey, (TValue, DateTimeOffset)>.Empty, DateTimeOffset.MinValue);

    /// <summary>When the snapshot was filled whole (MinValue: never).</summary>
    public DateTimeOffset At { get; }

    /// <summary>How many values it holds.</summary>
    public int Count => _entries.Count;

    /// <summary>A value whatever its age.</summary>
    public bool TryGetAny(TKey key, out TValue value)
    {
        var found = _entries.TryGetValue(key, out var entry);
        value = found ? entry.Value : default!;
        return found;
    }

    public static Snapshot<TKey, TValue> Of(IReadOnlyDictionary<TKey, TValue> values, DateTimeOffset at) =>
        new(values.ToFrozenDictionary(kv => kv.Key, kv => (kv.Value, at)), at);

    public bool TryGet(TKey key, DateTimeOffset now, TimeSpan lifetime, out TValue value)
    {
        if (_entries.TryGetValue(key, out var entry) && now - entry.At < lifetime)
        {
            value = entry.Value;
            return true;
        }

        value = default!;
        return false;
    }

    /// <summary>A copy with one more value; entries past their lifetime are dropped, and the size stays bounded.</summary>
    public Snapshot<TKey, TValue> With(TKey key, TValue value, DateTimeOffset now, TimeSpan lifetime)
    {
        var kept = _entries.Where(e => now - e.Value.At < lifetime && !EqualityComparer<TKey>.Default.Equals(e.Key, key))
            .OrderByDescending(e => e.Value.At).Take(MaxEntries - 1)
            .Append(new KeyValuePair<TKey, (TValue, DateTimeOffset)>(key, (value, now)));
        return new(kept.ToFrozenDictionary(), At);
    }

    public Snapshot<TKey, TValue> Without(TKey key) =>
        _entries.ContainsKey(key) ? new(_entries.Where(e => !EqualityComparer<TKey>.Default.Equals(e.Key, key)).ToFrozenDictionary(), At) : this;
}
