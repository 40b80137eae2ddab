using System.Threading.Channels;

namespace Swarm.Core.Beam;

/// <summary>
/// The reply route of a streaming request. Bounded, so a fast producer waits for a slow consumer; once the
/// consumer has gone, replies are dropped (the request's cancellation stops the producer).
/// </summary>
internal sealed class ReplyStream : IBeamSender
{
    private const int Capacity = 64;

    private readonly Channel<Message> _channel = Channel.CreateBounded<Message>(new BoundedChannelOptions(Capacity)
    {
        FullMode = BoundedChannelFullMode.Wait,
        SingleReader = true,
        SingleWriter = false,
    });

    public ChannelReader<Message> Reader => _channel.Reader;

    public async ValueTask SendAsync(Message message, CancellationToken cancellationToken = default)
    {
        try
        {
            await _channel.Writer.WriteAsync(message, cancellationToken).ConfigureAwait(false);
            if (message.Verb.IsTerminalReply())
            {
                _channel.Writer.TryComplete();
            }
        }
        catch (ChannelClosedException)
        {
            // The consumer stopped reading; nothing more is wanted.
        }
    }

    public void Close() => _channel.Writer.TryComplete();
}
