using Microsoft.Extensions.Logging;
using Swarm.Backends.DockerServer.Hosting;
using Swarm.Backends.DockerServer.Http;
using Swarm.Core.Backends;
using Swarm.Core.Beam;
using Swarm.Core.Containers;

namespace Swarm.Backends.DockerServer;

/// <summary>
/// A running <c>dockerserver</c>: Kestrel on the configured listeners, each request translated to Beam verbs sent
/// to the next backend. Requests sent to its <see cref="Input"/> pass straight through to that backend.
/// </summary>
public sealed class DockerServerInstance : IBackendInstance
{
    private readonly DockerServerOptions _options;
    private readonly IBeamSender _next;
    private readonly ILoggerFactory _loggerFactory;
    private readonly ILogger _logger;
    private readonly CancellationTokenSource _stopping = new();
    private int _disposed;
    private KestrelHost? _app;

    /// <summary>Creates the instance; nothing listens until <see cref="StartAsync"/>.</summary>
    public DockerServerInstance(DockerServerOptions options, IBeamSender next, ILoggerFactory loggerFactory)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(next);
        ArgumentNullException.ThrowIfNull(loggerFactory);
        _options = options;
        _next = next;
        _loggerFactory = loggerFactory;
        _logger = loggerFactory.CreateLogger("Swarm.DockerServer");
    }

    /// <inheritdoc />
    public IBeamSender Input => _next;

    /// <summary>The addresses actually bound, dockerd style (<c>tcp://127.0.0.1:4243</c>, <c>unix:///run/x.sock</c>).</summary>
    public IReadOnlyList<string> Addresses { get; private set; } = [];

    /// <inheritdoc />
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (_app is not null)
        {
            return;
        }

        var api = new DockerApi(new ContainerHostClient(_next), _logger, TimeProvider.System, _stopping.Token);
        var app = KestrelHost.Create(_options, _loggerFactory, _logger);
        try
        {
            await PrivateSockets.StartAsync(ct => app.StartAsync(api.HandleAsync, ct), _options, cancellationToken).ConfigureAwait(false);
        }
        catch (IOException ex)
        {
            await app.DisposeAsync().ConfigureAwait(false);
            throw new BeamException(BeamErrorKind.Unavailable, $"dockerserver cannot listen on {string.Join(", ", _options.Listeners)}: {ex.Message}", ex);
        }
        catch (BeamException)
        {
            await app.StopAsync(CancellationToken.None).ConfigureAwait(false);
            await app.DisposeAsync().ConfigureAwait(false);
            throw;
        }

        _app = app;
        Addresses = [.. app.Addresses.Select(KestrelHost.ToDockerAddress)];
        foreach (var address in Addresses)
        {
            DockerServerLog.Listening(_logger, address);
        }
    }

    /// <inheritdoc />
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        // Long streams (logs -f, events, attach) watch this token, so they end instead of holding shutdown up.
        await _stopping.CancelAsync().ConfigureAwait(false);
        if (_app is { } app)
        {
            _app = null;
            await app.StopAsync(cancellationToken).ConfigureAwait(false);
            await app.DisposeAsync().ConfigureAwait(false);
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        await StopAsync(CancellationToken.None).ConfigureAwait(false);
        _stopping.Dispose();
    }
}
