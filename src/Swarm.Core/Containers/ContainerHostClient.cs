using System.Runtime.CompilerServices;
using Swarm.Core.Beam;

namespace Swarm.Core.Containers;

/// <summary>Typed calls to an instance that serves containers (the next hop of a frontend).</summary>
public sealed class ContainerHostClient : BeamClient
{
    /// <summary>Creates a client for the instance behind <paramref name="target"/>.</summary>
    public ContainerHostClient(IBeamSender target)
        : base(target)
    {
    }

    /// <summary>Creates a container and returns its handle.</summary>
    public async Task<ContainerClient> SpawnAsync(ContainerSpec spec, CancellationToken cancellationToken = default)
    {
        var reply = await CallAsync(Verb.Spawn, [BeamJson.Write(spec)], cancellationToken).ConfigureAwait(false);
        return Handle(reply, Verb.Spawn);
    }

    /// <summary>Resolves a container reference (name, id, unique id prefix) to its handle.</summary>
    public async Task<ContainerClient> AttachAsync(string reference, CancellationToken cancellationToken = default)
    {
        var reply = await CallAsync(Verb.Attach, [reference], cancellationToken).ConfigureAwait(false);
        return Handle(reply, Verb.Attach);
    }

    /// <summary>Lists every container.</summary>
    public async Task<IReadOnlyList<ContainerRecord>> LsAsync(CancellationToken cancellationToken = default)
    {
        var reply = await CallAsync(Verb.Ls, [], cancellationToken).ConfigureAwait(false);
        if (reply.Payload is IReadOnlyList<ContainerRecord> typed)
        {
            return typed;
        }

        var list = new ContainerRecord[reply.Args.Length];
        for (var i = 0; i < list.Length; i++)
        {
            list[i] = BeamJson.Read<ContainerRecord>(reply.Args[i]);
        }

        return list;
    }

    /// <summary>Describes the host.</summary>
    public async Task<HostInfo> GetInfoAsync(CancellationToken cancellationToken = default)
    {
        var reply = await CallAsync(Verb.Get, [], cancellationToken).ConfigureAwait(false);
        return reply.Payload as HostInfo ?? BeamJson.Read<HostInfo>(reply.Arg(0));
    }

    /// <summary>Lists images.</summary>
    public async Task<IReadOnlyList<ImageRecord>> ImagesAsync(CancellationToken cancellationToken = default)
    {
        var reply = await CallAsync(Verb.Images, [], cancellationToken).ConfigureAwait(false);
        return [.. reply.Args.Select(BeamJson.Read<ImageRecord>)];
    }

    /// <summary>Resolves one image reference.</summary>
    public async Task<ImageRecord> GetImageAsync(string reference, CancellationToken cancellationToken = default)
    {
        var reply = await CallAsync(Verb.Images, [reference], cancellationToken).ConfigureAwait(false);
        return BeamJson.Read<ImageRecord>(reply.Arg(0));
    }

    /// <summary>Streams events, replayed from <see cref="WatchOptions.Since"/>, until <see cref="WatchOptions.Until"/>.</summary>
    public async IAsyncEnumerable<ContainerEvent> WatchAsync(WatchOptions options, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        await foreach (var reply in StreamAsync(Verb.Watch, [BeamWire.Time(options.Since), BeamWire.Time(options.Until)], cancellationToken).ConfigureAwait(false))
        {
            if (reply.Verb == Verb.Event)
            {
                yield return BeamJson.Read<ContainerEvent>(reply.Arg(0));
            }
        }
    }

    private ContainerClient Handle(Message reply, Verb verb) =>
        reply.Ret is { } handle && reply.Arg(0) is { Length: > 0 } id
            ? new ContainerClient(handle, id)
            : throw new BeamException(BeamErrorKind.Internal, $"the Ack to {verb} carried no container handle");
}
