using Microsoft.Extensions.Logging;

namespace Swarm.Core.Backends.Debug;

/// <summary>
/// <c>debug</c>: passes every request on to the next backend unchanged and logs it: the verb, its arguments,
/// each reply and how long the request took. Handles in replies are wrapped, so container verbs are logged too.
/// Environment and label values are masked (<c>***</c>) unless <c>--show-values</c> is given: they often hold secrets.
/// </summary>
public sealed class DebugBackend : IBackend
{
    /// <summary>The name in specs.</summary>
    public const string BackendName = "debug";

    /// <inheritdoc />
    public string Name => BackendName;

    /// <inheritdoc />
    public string Description => "pass-through that logs every verb, its arguments, its replies and how long it took";

    /// <inheritdoc />
    public string Usage => "debug [--level=information|debug|warning] [--show-values]";

    /// <inheritdoc />
    public IBackendInstance Create(BackendContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var options = SpecOptions.Parse(context.Spec, ["level"], ["show-values"]).RejectPositional();
        var level = options.Get("level") is { } text
            ? Enum.TryParse<LogLevel>(text, ignoreCase: true, out var parsed) ? parsed
                : throw new SwarmSpecException($"debug: --level takes trace, debug, information or warning, not '{text}'")
            : LogLevel.Information;
        return new DebugInstance(context.RequireNext(), context.LoggerFactory.CreateLogger("Swarm.Debug"), level, options.Flag("show-values"));
    }
}
