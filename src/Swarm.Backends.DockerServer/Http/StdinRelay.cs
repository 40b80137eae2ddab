namespace Swarm.Backends.DockerServer.Http;

/// <summary>
/// A read-only stream whose source is known only later: an attach must hand its stdin to Connect before the
/// hijacked socket exists. Reads wait until <see cref="Connect"/> supplies the source; its end is stdin's end, and
/// so is its failure (a reset), which is also reported to <paramref name="broken"/>.
/// </summary>
internal sealed class StdinRelay(Action? broken = null) : Stream
{
    private readonly TaskCompletionSource<Stream> _source = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    public void Connect(Stream source) => _source.TrySetResult(source);

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        var source = await _source.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return await source.ReadAsync(buffer, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is IOException or ObjectDisposedException)
        {
            // The client reset the socket: that is the end of stdin, and of the client.
            broken?.Invoke();
            return 0;
        }
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException("stdin is read asynchronously");

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
