using System.Threading.Channels;

namespace Swarm.Core.Beam;

/// <summary>The sending end of a <see cref="BeamPipe"/>.</summary>
internal sealed class BeamChannelSender : IBeamSender
{
    private readonly ChannelWriter<Message> _writer;

    internal BeamChannelSender(ChannelWriter<Message> writer) => _writer = writer;

    /// <inheritdoc />
    public ValueTask SendAsync(Message message, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (_writer.TryWrite(message))
        {
            return ValueTask.CompletedTask;
        }

        return SendSlowAsync(message, cancellationToken);
    }

    /// <summary>Closes the pipe; <paramref name="cause"/>, if given, reaches the receiver.</summary>
    public void Complete(Exception? cause = null) => _writer.TryComplete(cause);

    private async ValueTask SendSlowAsync(Message message, CancellationToken cancellationToken)
    {
        try
        {
            await _writer.WriteAsync(message, cancellationToken).ConfigureAwait(false);
        }
        catch (ChannelClosedException ex)
        {
            throw new BeamException(BeamErrorKind.Unavailable, $"cannot send {message.Verb}: the receiving end has closed", ex);
        }
    }
}
