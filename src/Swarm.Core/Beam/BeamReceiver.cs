using System.Runtime.CompilerServices;
using System.Threading.Channels;

namespace Swarm.Core.Beam;

/// <summary>The receiving end of a <see cref="BeamPipe"/>.</summary>
internal sealed class BeamReceiver
{
    private readonly ChannelReader<Message> _reader;

    internal BeamReceiver(ChannelReader<Message> reader) => _reader = reader;

    /// <summary>Completes when the sender has closed and every message has been read.</summary>
    public Task Completion => _reader.Completion;

    /// <summary>Reads messages until the pipe closes or <paramref name="cancellationToken"/> fires.</summary>
    public async IAsyncEnumerable<Message> ReadAllAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        while (await _reader.WaitToReadAsync(cancellationToken).ConfigureAwait(false))
        {
            while (_reader.TryRead(out var message))
            {
                yield return message;
            }
        }
    }

    /// <summary>Takes a message without waiting, if one is there.</summary>
    public bool TryReceive(out Message message) => _reader.TryRead(out message!);

    /// <summary>Waits until a message can be read; false once the pipe has closed and drained.</summary>
    public ValueTask<bool> WaitToReceiveAsync(CancellationToken cancellationToken = default) =>
        _reader.WaitToReadAsync(cancellationToken);
}
