using Microsoft.AspNetCore.Http;
using Swarm.Backends.DockerServer.Hosting;

namespace Swarm.Backends.DockerServer.Http;

/// <summary>
/// Notices that the client of a hijacked attach has gone, though the container writes nothing. Once hijacked, a FIN
/// from the client only ends its input: the CLI half-closes at once when stdin is not attached and keeps reading,
/// and a client that closed for good sends the same FIN. What tells them apart is a write: a closed socket answers
/// it with a reset. So, after the client's side has ended, a multiplexed stream gets an empty stdcopy frame every
/// <see cref="ProbeInterval"/> (every client skips those); the write that fails ends the request, which ends the
/// backend's Connect. A reset is also noticed at once by whoever reads the client's side (stdin, or
/// <see cref="DrainAsync"/>). A TTY (raw) stream cannot carry a probe, so a FIN there is noticed only when the
/// container next writes.
/// </summary>
internal sealed class ClientWatch : IAsyncDisposable
{
    /// <summary>How often a quiet multiplexed stream is probed once the client's side has ended.</summary>
    public static readonly TimeSpan ProbeInterval = TimeSpan.FromSeconds(2);

    private static readonly byte[] EmptyFrame = [(byte)Swarm.Core.Containers.LogStream.Stdout, 0, 0, 0, 0, 0, 0, 0];

    private readonly HttpContext _http;
    private readonly Stream _output;
    private readonly TimeProvider _time;
    private readonly SemaphoreSlim _writing = new(1, 1);
    private readonly CancellationTokenSource _done = new();
    private readonly Task _probing;

    public ClientWatch(HttpContext http, Stream output, bool framed, TimeProvider time)
    {
        _http = http;
        _output = output;
        _time = time;
        var inputEnded = http.Features.Get<HalfCloseFeature>()?.InputEnded ?? CancellationToken.None;
        _probing = framed && inputEnded.CanBeCanceled ? ProbeAsync(inputEnded) : Task.CompletedTask;
    }

    /// <summary>Writes to the client, never at the same time as a probe; a failed write means it has gone.</summary>
    public async Task WriteAsync(Func<Stream, CancellationToken, ValueTask> write, CancellationToken cancellationToken)
    {
        await _writing.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await write(_output, cancellationToken).ConfigureAwait(false);
            await _output.FlushAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _writing.Release();
        }
    }

    /// <summary>Reads and drops what the client sends when stdin is not attached: its end is a half-close, a failure a departure.</summary>
    public async Task DrainAsync(Stream input)
    {
        var buffer = new byte[512];
        try
        {
            while (await input.ReadAsync(buffer, _done.Token).ConfigureAwait(false) > 0)
            {
            }
        }
        catch (Exception ex) when (ex is IOException or ObjectDisposedException)
        {
            Gone();
        }
        catch (OperationCanceledException) when (_done.IsCancellationRequested)
        {
        }
    }

    /// <summary>The client is gone: ends the request, so the stream and the backend's Connect end.</summary>
    public void Gone()
    {
        if (!_done.IsCancellationRequested)
        {
            _http.Abort();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _done.CancelAsync().ConfigureAwait(false);
        await _probing.ConfigureAwait(false);
        _done.Dispose();
        _writing.Dispose();
    }

    private async Task ProbeAsync(CancellationToken inputEnded)
    {
        using var either = CancellationTokenSource.CreateLinkedTokenSource(inputEnded, _done.Token);
        try
        {
            await Task.Delay(Timeout.InfiniteTimeSpan, _time, either.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (inputEnded.IsCancellationRequested && !_done.IsCancellationRequested)
        {
            // The client's side has ended: from now on, probe.
        }
        catch (OperationCanceledException)
        {
            return;
        }

        try
        {
            while (true)
            {
                await WriteAsync(static (output, ct) => output.WriteAsync(EmptyFrame, ct), _done.Token).ConfigureAwait(false);
                await Task.Delay(ProbeInterval, _time, _done.Token).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (_done.IsCancellationRequested)
        {
        }
        catch (Exception ex) when (ex is IOException or ObjectDisposedException or InvalidOperationException)
        {
            Gone();
        }
    }
}
