namespace Swarm.Backends.Openstack.Containers;

/// <summary>
/// One lock per container name, held across "is the name free in Nova?" and the create or rename that
/// takes it, so two concurrent creates of one name in this process cannot both pass the check.
/// </summary>
internal sealed class NameLocks
{
    private readonly Dictionary<string, (SemaphoreSlim Gate, int Users)> _locks = new(StringComparer.Ordinal);

    public async Task<IDisposable> AcquireAsync(string name, CancellationToken cancellationToken)
    {
        SemaphoreSlim gate;
        lock (_locks)
        {
            var entry = _locks.TryGetValue(name, out var e) ? e : (new SemaphoreSlim(1, 1), 0);
            _locks[name] = (entry.Item1, entry.Item2 + 1);
            gate = entry.Item1;
        }

        try
        {
            await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            Release(name, entered: false);
            throw;
        }

        return new Holder(this, name);
    }

    private void Release(string name, bool entered)
    {
        lock (_locks)
        {
            var (gate, users) = _locks[name];
            if (entered)
            {
                gate.Release();
            }

            if (users == 1)
            {
                _locks.Remove(name);
                gate.Dispose();
            }
            else
            {
                _locks[name] = (gate, users - 1);
            }
        }
    }

    private sealed class Holder(NameLocks owner, string name) : IDisposable
    {
        private int _disposed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0)
            {
                owner.Release(name, entered: true);
            }
        }
    }
}
