using System.Threading.Channels;

namespace Swarm.Core.Beam;

/// <summary>
/// A one-way Beam connection over a <see cref="Channel{T}"/>: a sender end and a receiver end.
/// </summary>
internal static class BeamPipe
{
    /// <summary>
    /// Default capacity of an instance's input. Bounded so that a flood of requests waits at the sender
    /// instead of growing memory without limit; Wait mode so nothing is dropped.
    /// </summary>
    public const int DefaultCapacity = 1024;

    /// <summary>Creates a bounded pipe (full mode Wait: a sender waits for room, nothing is dropped).</summary>
    public static (BeamChannelSender Sender, BeamReceiver Receiver) Create(int capacity = DefaultCapacity)
    {
        var channel = Channel.CreateBounded<Message>(new BoundedChannelOptions(capacity)
        {
            FullMode = BoundedChannelFullMode.Wait,
            SingleReader = true,
            SingleWriter = false,
            AllowSynchronousContinuations = false,
        });
        return (new BeamChannelSender(channel.Writer), new BeamReceiver(channel.Reader));
    }
}
