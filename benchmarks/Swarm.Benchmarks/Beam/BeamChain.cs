using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Swarm.Core.Backends;
using Swarm.Core.Backends.Debug;
using Swarm.Core.Beam;

namespace Swarm.Benchmarks.Beam;

/// <summary>
/// A chain of <c>hops</c> Beam objects ending in a router that answers Ack: hop 1 is BeamClient.CallAsync → BeamPipe →
/// BeamServer → BeamRouter; each further hop puts a forwarding <see cref="HopKind"/> in front.
/// </summary>
internal sealed class BeamChain : IAsyncDisposable
{
    private readonly List<RouterInstance> _instances = [];

    private BeamChain()
    {
    }

    /// <summary>Where a round trip's request goes.</summary>
    public IBeamSender Target { get; private set; } = null!;

    public static async Task<BeamChain> StartAsync(int hops, HopKind kind)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(hops, 1);
        var chain = new BeamChain();
        var answering = new BeamRouter("ack").On(Verb.Get, static request => request.AckAsync());
        IBeamSender next = await chain.ServeAsync(answering);
        for (var hop = 2; hop <= hops; hop++)
        {
            next = kind switch
            {
                HopKind.Debug => new DebugProxy(next, "next", NullLogger.Instance, LogLevel.Information, showValues: false),
                _ => await chain.ServeAsync(Forwarder(next)),
            };
        }

        chain.Target = next;
        return chain;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var instance in _instances)
        {
            await instance.DisposeAsync();
        }
    }

    private static BeamRouter Forwarder(IBeamSender next) => new BeamRouter("forward").On(Verb.Get, async request =>
    {
        var reply = await BeamClient.CallAsync(next, request.Verb, request.Message.Body, request.CancellationToken);
        await request.ReplyAsync(reply);
    });

    private async Task<IBeamSender> ServeAsync(BeamRouter router)
    {
        var instance = new RouterInstance(router);
        await instance.StartAsync(CancellationToken.None);
        _instances.Add(instance);
        return instance.Input;
    }
}
