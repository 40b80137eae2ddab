using NUnit.Framework;
using Swarm.Core.Backends;
using Swarm.Testing;

namespace Swarm.Samples.Tiny.Tests;

/// <summary>
/// The tiny backend, as its author proves it: one target, one class per role it implements. [TestFixture] makes the
/// test assembly reference NUnit itself, which the test adapter looks for before it looks for tests.
/// </summary>
public sealed class TinyTarget : BackendTarget
{
    protected override IBackend Backend { get; } = new TinyBackend();

    public override TimeSpan CallTimeout => TimeSpan.FromSeconds(10);
}

[TestFixture]
public sealed class TinyHostConformance : ContainerHostConformance<TinyTarget>;

[TestFixture]
public sealed class TinyLifecycleConformance : LifecycleConformance<TinyTarget>;

[TestFixture]
public sealed class TinyImagesConformance : ImagesConformance<TinyTarget>;
