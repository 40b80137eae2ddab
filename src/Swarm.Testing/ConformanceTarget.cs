using Swarm.Core.Beam;
using Swarm.Core.Containers;

namespace Swarm.Testing;

/// <summary>
/// The backend under test, as the conformance fixtures see it: how to start one instance, and the few facts about
/// it a test needs (an image it has, how long a call may take, a container whose output is known). Derive from
/// <see cref="BackendTarget"/> for a backend object, or from <see cref="ChainTarget"/> for spec strings.
/// </summary>
public abstract class ConformanceTarget : IAsyncDisposable
{
    /// <summary>Starts the instance under test and returns its input, where the fixtures send their verbs.</summary>
    public abstract Task<IBeamSender> StartAsync(CancellationToken cancellationToken);

    /// <summary>Stops the instance and releases what it holds.</summary>
    public abstract ValueTask DisposeAsync();

    /// <summary>An image the backend has.</summary>
    public virtual string Image => "cirros";

    /// <summary>How long one call may take on this backend before the test fails instead of hanging.</summary>
    public virtual TimeSpan CallTimeout => TimeSpan.FromSeconds(30);

    /// <summary>A container that writes <see cref="TalkingOutput"/> once started (a command for a backend that runs them).</summary>
    public virtual ContainerSpec Talking(string name) =>
        new() { Name = name, Image = Image, Cmd = ["sh", "-c", "echo hello from the conformance kit; sleep 600"] };

    /// <summary>A /24 no other network of the backend uses (a cloud's project is shared with other runs: pick at random).</summary>
    public virtual string FreeSubnet() => $"10.{Random.Shared.Next(100, 250)}.{Random.Shared.Next(0, 255)}.0/24";

    /// <summary>Driver options every volume of the backend accepts (both the simulator and OpenStack take a size in GiB).</summary>
    public virtual IReadOnlyDictionary<string, string> VolumeOptions => new Dictionary<string, string> { ["size"] = "1" };

    /// <summary>Text the logs of a <see cref="Talking"/> container contain once it has started.</summary>
    public virtual string TalkingOutput => "hello from the conformance kit";
}
