using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Swarm.Core.Containers;

namespace Swarm.Core.Backends.Aggregate;

/// <summary>
/// <c>aggregate</c>: several backends presented as one. Ls merges every child's list, Attach finds the child
/// that owns the reference, Spawn goes to the first child or to the one <c>--spawn-to</c> names.
/// </summary>
public sealed class AggregateBackend : IBackend
{
    /// <summary>The name in specs.</summary>
    public const string BackendName = "aggregate";

    /// <inheritdoc />
    public string Name => BackendName;

    /// <inheritdoc />
    public string Description => "several backends presented as one: merged listings, creates to the first (or --spawn-to)";

    /// <inheritdoc />
    public string Usage => "aggregate [--spawn-to=INDEX|NAME] 'SPEC' 'SPEC'...   (each child spec quoted as one argument)";

    /// <inheritdoc />
    public IBackendInstance Create(BackendContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var options = SpecOptions.Parse(context.Spec, ["spawn-to"]);
        if (options.Positional.Count == 0)
        {
            throw new SwarmSpecException("aggregate: needs at least one child spec, for example: aggregate 'simulator --name=a' 'simulator --name=b'");
        }

        var registry = context.Services.GetRequiredService<BackendRegistry>();
        var children = new List<(string Name, IBackendInstance Instance)>();
        try
        {
            foreach (var text in options.Positional)
            {
                var spec = BackendSpec.Parse(text);
                children.Add((spec.ToString(), registry.Get(spec.Name).Create(context with { Spec = spec, Next = null })));
            }

            var spawnTo = SpawnTarget(options.Get("spawn-to"), children.Select(c => c.Name).ToList());
            var host = new AggregateHost([.. children.Select(c => (c.Name, new ContainerHostClient(c.Instance.Input, c.Name)))], spawnTo);
            return new AggregateInstance(host, [.. children.Select(c => c.Instance)], context.LoggerFactory.CreateLogger("Swarm.Aggregate"));
        }
        catch
        {
            foreach (var (_, instance) in children)
            {
                instance.DisposeAsync().AsTask().GetAwaiter().GetResult();
            }

            throw;
        }
    }

    private static int SpawnTarget(string? text, IReadOnlyList<string> names)
    {
        if (text is null)
        {
            return 0;
        }

        if (int.TryParse(text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var index))
        {
            return index < names.Count
                ? index
                : throw new SwarmSpecException($"aggregate: --spawn-to={text} but there are {names.Count} children (0 to {names.Count - 1})");
        }

        var found = names.ToList().FindIndex(n => string.Equals(n, text, StringComparison.OrdinalIgnoreCase) || n.StartsWith(text + " ", StringComparison.OrdinalIgnoreCase));
        return found >= 0 ? found : throw new SwarmSpecException($"aggregate: --spawn-to={text} names no child (children: {string.Join(", ", names)})");
    }
}
