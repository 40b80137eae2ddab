using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Swarm.Tests.Support;

/// <summary>
/// One TCP connection driven byte by byte, for what HTTP client libraries will not send: truncated bodies, half
/// and full closes, oversized heads. Reads wait with a timeout that names what they waited for.
/// </summary>
public sealed class RawHttp : IAsyncDisposable
{
    private readonly Socket _socket;
    private readonly List<byte> _received = [];

    private RawHttp(Socket socket) => _socket = socket;

    /// <summary>Everything received so far, as text.</summary>
    public string Received => Encoding.UTF8.GetString([.. _received]);

    /// <summary>The bytes received so far.</summary>
    public IReadOnlyList<byte> ReceivedBytes => _received;

    public static async Task<RawHttp> ConnectAsync(Uri httpBase)
    {
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        await socket.ConnectAsync(new IPEndPoint(IPAddress.Loopback, httpBase.Port));
        return new RawHttp(socket);
    }

    public async Task SendAsync(string text) => await SendAsync(Encoding.UTF8.GetBytes(text));

    public async Task SendAsync(ReadOnlyMemory<byte> bytes)
    {
        while (bytes.Length > 0)
        {
            var sent = await _socket.SendAsync(bytes, SocketFlags.None);
            bytes = bytes[sent..];
        }
    }

    /// <summary>Shuts down the sending side only (a FIN): the server can still answer.</summary>
    public void HalfClose() => _socket.Shutdown(SocketShutdown.Send);

    /// <summary>Resets the connection (RST), as a killed client does.</summary>
    public void Reset()
    {
        _socket.LingerState = new LingerOption(true, 0);
        _socket.Close();
    }

    /// <summary>Closes both directions (FIN, then nothing more is read).</summary>
    public void Close() => _socket.Close();

    /// <summary>Reads until the server closes; true if it closed cleanly, false if it reset.</summary>
    public async Task<bool> ReadToEndAsync(string what, TimeSpan? timeout = null)
    {
        using var limit = new CancellationTokenSource(timeout ?? WaitFor.DefaultTimeout);
        var buffer = new byte[16384];
        try
        {
            while (true)
            {
                var read = await _socket.ReceiveAsync(buffer, SocketFlags.None, limit.Token);
                if (read == 0)
                {
                    return true;
                }

                _received.AddRange(buffer.AsSpan(0, read));
            }
        }
        catch (SocketException)
        {
            return false;
        }
        catch (OperationCanceledException) when (limit.IsCancellationRequested)
        {
            throw new TimeoutException($"timed out waiting for {what}; received so far: {Received}");
        }
    }

    /// <summary>Reads until the text received contains <paramref name="expected"/>.</summary>
    public async Task ReadUntilAsync(string expected, string what, TimeSpan? timeout = null)
    {
        using var limit = new CancellationTokenSource(timeout ?? WaitFor.DefaultTimeout);
        var buffer = new byte[16384];
        try
        {
            while (!Received.Contains(expected, StringComparison.Ordinal))
            {
                var read = await _socket.ReceiveAsync(buffer, SocketFlags.None, limit.Token);
                if (read == 0)
                {
                    throw new IOException($"the server closed the connection before {what}; received: {Received}");
                }

                _received.AddRange(buffer.AsSpan(0, read));
            }
        }
        catch (OperationCanceledException) when (limit.IsCancellationRequested)
        {
            throw new TimeoutException($"timed out waiting for {what}; received so far: {Received}");
        }
    }

    public ValueTask DisposeAsync()
    {
        _socket.Dispose();
        return ValueTask.CompletedTask;
    }
}
