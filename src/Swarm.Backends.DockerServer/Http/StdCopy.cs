using System.Buffers.Binary;
using System.Text;
using Swarm.Core.Containers;

namespace Swarm.Backends.DockerServer.Http;

/// <summary>
/// Docker's multiplexed framing for non-TTY output: <c>[stream, 0, 0, 0, length (uint32 big-endian)]</c> then the
/// payload. TTY output is raw bytes.
/// </summary>
internal static class StdCopy
{
    public static async ValueTask WriteAsync(Stream output, LogEntry entry, bool framed, string? timestamp, CancellationToken cancellationToken)
    {
        var length = Encoding.UTF8.GetByteCount(entry.Text) + (timestamp?.Length + 1 ?? 0);
        var header = framed ? 8 : 0;
        var buffer = new byte[header + length];
        if (framed)
        {
            buffer[0] = (byte)entry.Stream;
            BinaryPrimitives.WriteUInt32BigEndian(buffer.AsSpan(4), (uint)length);
        }

        var at = header;
        if (timestamp is not null)
        {
            at += Encoding.ASCII.GetBytes(timestamp, buffer.AsSpan(at));
            buffer[at++] = (byte)' ';
        }

        Encoding.UTF8.GetBytes(entry.Text, buffer.AsSpan(at));
        await output.WriteAsync(buffer, cancellationToken).ConfigureAwait(false);
    }
}
