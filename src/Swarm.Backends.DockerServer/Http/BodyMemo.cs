using System.Runtime.CompilerServices;

namespace Swarm.Backends.DockerServer.Http;

/// <summary>
/// Response bodies rendered before, kept by what they are a pure function of: the object the backend answered with (a
/// record, a list of records: Beam bodies are immutable once sent, so the same object is the same data), the API version
/// and query of the request, and a window of the clock in which rendering again would give the same bytes. Only the
/// route knows its window. A hit needs all of these to match; a miss is rendered by the route and kept. Bounded: a fixed
/// number of slots chosen by the source's identity and the query; a newer body takes the slot of an older one. Safe for concurrent
/// use: an entry is immutable and a slot is swapped whole.
/// </summary>
internal sealed class BodyMemo(int slots)
{
    private readonly Entry?[] _slots = new Entry?[slots];

    /// <summary>The body kept for this source, version and query if it holds at <paramref name="now"/>; else null.</summary>
    public byte[]? Find(object source, string version, string query, DateTimeOffset now)
    {
        var entry = Volatile.Read(ref _slots[Slot(source, query)]);
        return entry is not null && ReferenceEquals(entry.Source, source) && entry.Version == version && entry.Query == query
            && now >= entry.From && now < entry.Until
            ? entry.Body
            : null;
    }

    /// <summary>Keeps <paramref name="body"/>, rendered from <paramref name="source"/> at <paramref name="from"/> and the same until <paramref name="until"/>.</summary>
    public void Keep(object source, string version, string query, DateTimeOffset from, DateTimeOffset until, byte[] body) =>
        Volatile.Write(ref _slots[Slot(source, query)], new Entry(source, version, query, from, until, body));

    private int Slot(object source, string query) =>
        (int)((uint)HashCode.Combine(RuntimeHelpers.GetHashCode(source), string.GetHashCode(query, StringComparison.Ordinal)) % (uint)_slots.Length);

    private sealed record Entry(object Source, string Version, string Query, DateTimeOffset From, DateTimeOffset Until, byte[] Body);
}
