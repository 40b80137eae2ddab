using Swarm.Core.Containers;

namespace Swarm.Core.Backends.Simulator;

/// <summary>
/// A container's output, bounded: the newest <see cref="DefaultLimit"/> characters (each write also costs
/// <see cref="EntryOverhead"/>), the oldest dropped first, as a ring. Positions are absolute (the n-th write ever),
/// so a follower keeps its place while old entries go; what was dropped before a follower read it is skipped,
/// and nothing marks the cut (as dockerd's <c>json-file</c> with <c>max-size</c>). Guarded by the host's lock.
/// </summary>
internal sealed class SimOutput(int limit = SimOutput.DefaultLimit)
{
    /// <summary>What one container keeps: 1 Mi characters of output.</summary>
    public const int DefaultLimit = 1024 * 1024;

    /// <summary>What each write costs beyond its text, so that a flood of empty writes is bounded too.</summary>
    public const int EntryOverhead = 32;

    private LogEntry[] _ring = new LogEntry[16];
    private int _head;
    private int _count;
    private long _size;

    /// <summary>The position after the newest entry: how many entries were ever written.</summary>
    public long End { get; private set; }

    /// <summary>The position of the oldest entry kept.</summary>
    public long Start => End - _count;

    public void Add(LogEntry entry)
    {
        if (_count == _ring.Length)
        {
            Grow();
        }

        _ring[(_head + _count) % _ring.Length] = entry;
        _count++;
        End++;
        _size += Cost(entry);
        while (_size > limit && _count > 1)
        {
            _size -= Cost(_ring[_head]);
            _ring[_head] = null!;
            _head = (_head + 1) % _ring.Length;
            _count--;
        }
    }

    /// <summary>The entries kept from <paramref name="position"/> on (from the oldest kept, if that is later).</summary>
    public IEnumerable<LogEntry> From(long position)
    {
        for (var p = Math.Max(position, Start); p < End; p++)
        {
            yield return _ring[(_head + (int)(p - Start)) % _ring.Length];
        }
    }

    private static long Cost(LogEntry entry) => entry.Text.Length + EntryOverhead;

    private void Grow()
    {
        var bigger = new LogEntry[_ring.Length * 2];
        for (var i = 0; i < _count; i++)
        {
            bigger[i] = _ring[(_head + i) % _ring.Length];
        }

        _ring = bigger;
        _head = 0;
    }
}
