using System.Threading.Channels;

namespace Swarm.Benchmarks.Beam;

/// <summary>
/// The floor a Beam hop is measured against: a request channel with the same options as a BeamPipe, a reply
/// channel, and a responder task that echoes each request back. Two thread-pool hand-offs per round trip,
/// like one Beam hop (the server's read and the caller's continuation), and nothing else.
/// </summary>
internal sealed class RawPingPong : IAsyncDisposable
{
    private readonly Channel<object> _requests = Channel.CreateBounded<object>(new BoundedChannelOptions(1024)
    {
        FullMode = BoundedChannelFullMode.Wait,
        SingleReader = true,
        SingleWriter = false,
        AllowSynchronousContinuations = false,
    });

    private readonly Channel<object> _replies = Channel.CreateBounded<object>(new BoundedChannelOptions(1024)
    {
        FullMode = BoundedChannelFullMode.Wait,
        SingleReader = true,
        SingleWriter = true,
        AllowSynchronousContinuations = false,
    });

    private readonly Task _responder;

    public RawPingPong() => _responder = Task.Run(RespondAsync);

    /// <summary>Where the caller writes a request (TryWrite; the channel never fills in a ping-pong).</summary>
    public ChannelWriter<object> Requests => _requests.Writer;

    /// <summary>Where the caller reads the echo.</summary>
    public ChannelReader<object> Replies => _replies.Reader;

    public async ValueTask DisposeAsync()
    {
        _requests.Writer.TryComplete();
        await _responder;
    }

    private async Task RespondAsync()
    {
        while (await _requests.Reader.WaitToReadAsync())
        {
            while (_requests.Reader.TryRead(out var request))
            {
                _replies.Writer.TryWrite(request);
            }
        }
    }
}
