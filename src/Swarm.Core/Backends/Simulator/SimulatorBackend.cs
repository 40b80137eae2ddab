using Swarm.Core.Containers;

namespace Swarm.Core.Backends.Simulator;

/// <summary>
/// <c>simulator</c>: an in-memory container host with Docker's semantics for every container verb. It is the
/// embedded default of swarmd and the reference implementation of the backend contract.
/// </summary>
public sealed class SimulatorBackend : ContainerBackend
{
    /// <summary>The name in specs.</summary>
    public const string BackendName = "simulator";

    /// <inheritdoc />
    public override string Name => BackendName;

    /// <inheritdoc />
    public override string Description => "in-memory container host with Docker's semantics (the embedded default; no cloud needed)";

    /// <inheritdoc />
    public override string Usage => "simulator [--name=NAME] [--image=REF]...";

    /// <inheritdoc />
    protected override IContainerHost CreateHost(BackendContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var options = SpecOptions.Parse(context.Spec, ["name", "image"]).RejectPositional();
        return new SimulatorHost(new SimulatorOptions
        {
            Name = options.Get("name") ?? BackendName,
            ExtraImages = options.GetAll("image"),
        }, TimeProvider.System);
    }
}
