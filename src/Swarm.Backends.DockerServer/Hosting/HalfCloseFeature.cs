using Microsoft.AspNetCore.Connections;

namespace Swarm.Backends.DockerServer.Hosting;

/// <summary>
/// Lets a hijacked connection outlive the client's half-close. Docker clients shut down their sending side once
/// stdin is done (at once when there is none) and keep reading; Kestrel treats that FIN as the client leaving and
/// aborts the response. Installed on every connection, this stands in for the transport's "closed" signal and
/// passes it on only while the connection has not been hijacked; a hijacked stream ends with the container, or
/// when <see cref="Http.ClientWatch"/> finds the client gone after <see cref="InputEnded"/>.
/// </summary>
internal sealed class HalfCloseFeature : IDisposable
{
    private readonly CancellationTokenSource _closed = new();
    private readonly CancellationTokenSource _inputEnded = new();
    private readonly CancellationTokenRegistration _registration;
    private volatile bool _hijacked;

    private HalfCloseFeature(CancellationToken transportClosed) =>
        _registration = transportClosed.UnsafeRegister(static s => ((HalfCloseFeature)s!).OnTransportClosed(), this);

    /// <summary>Marks the connection as a raw stream: from now on a FIN only ends the client's input.</summary>
    public void Hijack() => _hijacked = true;

    /// <summary>
    /// Fires when the transport reports the client's side ended, hijacked or not: a half-close (FIN), a full close
    /// (also a FIN: the two look alike until something is written) or a reset.
    /// </summary>
    public CancellationToken InputEnded => _inputEnded.Token;

    /// <summary>Wraps the connection pipeline so every connection gets the feature.</summary>
    public static Func<ConnectionDelegate, ConnectionDelegate> Middleware => next => async connection =>
    {
        using var feature = new HalfCloseFeature(connection.ConnectionClosed);
        connection.Features.Set(feature);
        connection.ConnectionClosed = feature._closed.Token;
        await next(connection).ConfigureAwait(false);
    };

    public void Dispose()
    {
        _registration.Dispose();
        _closed.Dispose();
        _inputEnded.Dispose();
    }

    private void OnTransportClosed()
    {
        _inputEnded.Cancel();
        if (!_hijacked)
        {
            _closed.Cancel();
        }
    }
}
