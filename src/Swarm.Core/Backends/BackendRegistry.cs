namespace Swarm.Core.Backends;

/// <summary>Every registered backend by name, ignoring case. Unknown and duplicate names fail loudly.</summary>
public sealed class BackendRegistry
{
    private readonly Dictionary<string, IBackend> _backends = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Indexes <paramref name="backends"/>; two with one name is an error naming it.</summary>
    public BackendRegistry(IEnumerable<IBackend> backends)
    {
        ArgumentNullException.ThrowIfNull(backends);
        foreach (var backend in backends)
        {
            if (!_backends.TryAdd(backend.Name, backend))
            {
                throw new InvalidOperationException(
                    $"two backends are registered as '{backend.Name}': {_backends[backend.Name].GetType().FullName} and {backend.GetType().FullName}");
            }
        }
    }

    /// <summary>The backends, sorted by name.</summary>
    public IReadOnlyList<IBackend> All => [.. _backends.Values.OrderBy(b => b.Name, StringComparer.Ordinal)];

    /// <summary>The backend named <paramref name="name"/>; a spec error listing the known names otherwise.</summary>
    public IBackend Get(string name) => _backends.TryGetValue(name, out var backend)
        ? backend
        : throw new SwarmSpecException($"unknown backend '{name}' (known: {string.Join(", ", All.Select(b => b.Name))})");
}
