using System.Diagnostics;
using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Abstractions;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.AspNetCore.Server.Kestrel.Https;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Swarm.Backends.DockerServer.Hosting;

/// <summary>
/// Kestrel alone, with the services it registers for itself (<c>UseKestrelCore</c>) and nothing else: no Generic
/// Host, no WebApplication, no configuration providers, no middleware pipeline; requests go straight to one
/// <see cref="RequestDelegate"/>. Measured against <c>WebApplication.CreateEmptyBuilder</c> it starts a Native AOT
/// swarmd about 10 ms sooner (docs/benchmarks.md); TLS is still Kestrel's own (<c>UseHttps</c>).
/// </summary>
internal sealed class KestrelHost : IAsyncDisposable
{
    /// <summary>How long a stop waits for requests in flight before Kestrel aborts their connections.</summary>
    private static readonly TimeSpan ShutdownTimeout = TimeSpan.FromSeconds(5);

    private readonly ServiceProvider _services;
    private readonly IServer _server;

    private KestrelHost(ServiceProvider services)
    {
        _services = services;
        _server = services.GetRequiredService<IServer>();
    }

    /// <summary>The addresses Kestrel bound, in its spelling (<c>http://127.0.0.1:4243</c>, <c>http://unix:/x.sock</c>).</summary>
    public IReadOnlyCollection<string> Addresses => _server.Features.Get<IServerAddressesFeature>()?.Addresses.ToList() ?? [];

    /// <summary>Configures Kestrel on the listeners of <paramref name="options"/>; nothing listens until <see cref="StartAsync"/>.</summary>
    public static KestrelHost Create(DockerServerOptions options, ILoggerFactory loggerFactory, ILogger logger)
    {
        var services = new ServiceCollection();
        services.AddSingleton(loggerFactory);
        services.AddOptions();
        services.AddMetrics();
        services.AddSingleton(_ => new DiagnosticListener("Microsoft.AspNetCore"));
        services.AddSingleton<DiagnosticSource>(sp => sp.GetRequiredService<DiagnosticListener>());
        new ServicesOnlyWebHostBuilder(services).UseKestrelCore().ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            kestrel.AllowSynchronousIO = false;
            ServerLimits.Apply(kestrel.Limits, options.MaxConnections);
            foreach (var listener in options.Listeners)
            {
                if (!listener.IsLoopback && options.Tls is null)
                {
                    DockerServerLog.InsecureListener(logger, listener.ToString());
                }
                else if (!listener.IsLoopback && options.Tls is { VerifyClients: false })
                {
                    DockerServerLog.UnverifiedTlsListener(logger, listener.ToString());
                }

                Listen(kestrel, listener, options.Tls);
            }
        });
        return new KestrelHost(services.BuildServiceProvider());
    }

    /// <summary>Binds every listener and serves each request with <paramref name="app"/>.</summary>
    public Task StartAsync(RequestDelegate app, CancellationToken cancellationToken) =>
        _server.StartAsync(new Application(app), cancellationToken);

    /// <summary>Stops listening, lets requests in flight finish for up to 5 s, then aborts what is left.</summary>
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        limit.CancelAfter(ShutdownTimeout);
        await _server.StopAsync(limit.Token).ConfigureAwait(false);
    }

    /// <summary>Disposes Kestrel and its services (the provider owns the server).</summary>
    public ValueTask DisposeAsync() => _services.DisposeAsync();

    /// <summary>Turns a Kestrel address (<c>http://127.0.0.1:80</c>, <c>http://unix:/x.sock</c>) into dockerd's spelling.</summary>
    public static string ToDockerAddress(string address)
    {
        var scheme = address.IndexOf("://", StringComparison.Ordinal);
        var rest = scheme < 0 ? address : address[(scheme + 3)..];
        return rest.StartsWith("unix:", StringComparison.Ordinal) ? "unix://" + rest["unix:".Length..] : "tcp://" + rest;
    }

    private static void Listen(KestrelServerOptions kestrel, DockerListener listener, DockerTlsOptions? tls)
    {
        if (listener.SocketPath is { } path)
        {
            RemoveStaleSocket(path);
            kestrel.ListenUnixSocket(path, o =>
            {
                o.Protocols = HttpProtocols.Http1;
                o.Use(HalfCloseFeature.Middleware);
            });
            return;
        }

        Action<ListenOptions> configure = o =>
        {
            o.Protocols = HttpProtocols.Http1;
            o.Use(HalfCloseFeature.Middleware);
            if (tls is not null)
            {
                o.UseHttps(Https(tls));
            }
        };
        if (string.IsNullOrEmpty(listener.Host))
        {
            kestrel.ListenAnyIP(listener.Port, configure);
        }
        else if (string.Equals(listener.Host, "localhost", StringComparison.OrdinalIgnoreCase))
        {
            kestrel.ListenLocalhost(listener.Port, configure);
        }
        else if (IPAddress.TryParse(listener.Host, out var ip))
        {
            kestrel.Listen(ip, listener.Port, configure);
        }
        else
        {
            foreach (var address in Dns.GetHostAddresses(listener.Host))
            {
                kestrel.Listen(address, listener.Port, configure);
            }
        }
    }

    /// <summary>
    /// TLS 1.2 and 1.3 only. With <c>--tlsverify</c> a client certificate must chain, through what the client sends,
    /// to <c>--tlscacert</c>; nothing is fetched while checking it (no AIA download of missing issuers, no CRL or
    /// OCSP), since the URLs would be the client's choice. Revocation is not checked, as dockerd does not.
    /// </summary>
    internal static HttpsConnectionAdapterOptions Https(DockerTlsOptions tls) => new()
    {
        ServerCertificate = tls.ServerCertificate,
        SslProtocols = SslProtocols.Tls12 | SslProtocols.Tls13,
        CheckCertificateRevocation = false,
        ClientCertificateMode = tls.VerifyClients ? ClientCertificateMode.RequireCertificate : ClientCertificateMode.NoCertificate,
        ClientCertificateValidation = tls.VerifyClients ? (_, _, errors) => errors == SslPolicyErrors.None : null,
        OnAuthenticate = tls.VerifyClients ? (_, ssl) => ssl.CertificateChainPolicy = ClientTrust.Policy(tls.ClientAuthorities) : null,
    };

    private static void RemoveStaleSocket(string path)
    {
        // As dockerd does: whatever is left at the path goes, unless a live server still answers there.
        if (!File.Exists(path))
        {
            return;
        }

        using var probe = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        try
        {
            probe.Connect(new UnixDomainSocketEndPoint(path));
        }
        catch (SocketException)
        {
            File.Delete(path);
        }
    }

    private static class ClientTrust
    {
        // The chain the TLS layer builds for a client certificate: our CAs only, the client's intermediates, client
        // authentication usage, and no network.
        public static X509ChainPolicy Policy(X509Certificate2Collection authorities)
        {
            var policy = new X509ChainPolicy
            {
                TrustMode = X509ChainTrustMode.CustomRootTrust,
                RevocationMode = X509RevocationMode.NoCheck,
                DisableCertificateDownloads = true,
            };
            policy.CustomTrustStore.AddRange(authorities);
            policy.ApplicationPolicy.Add(new System.Security.Cryptography.Oid("1.3.6.1.5.5.7.3.2"));
            return policy;
        }
    }
    /// <summary>What Kestrel calls per request: an <see cref="HttpContext"/> over its features (reused per connection), then the app.</summary>
    private sealed class Application(RequestDelegate app) : IHttpApplication<HttpContext>
    {
        public HttpContext CreateContext(IFeatureCollection contextFeatures)
        {
            if (contextFeatures is IHostContextContainer<HttpContext> container)
            {
                if (container.HostContext is DefaultHttpContext reused)
                {
                    reused.Initialize(contextFeatures);
                    return reused;
                }

                return container.HostContext = new DefaultHttpContext(contextFeatures);
            }

            return new DefaultHttpContext(contextFeatures);
        }

        public Task ProcessRequestAsync(HttpContext context) => app(context);

        public void DisposeContext(HttpContext context, Exception? exception)
        {
            if (context is DefaultHttpContext pooled)
            {
                pooled.Uninitialize();
            }
        }
    }

    /// <summary>
    /// Lets Kestrel's own <c>UseKestrelCore</c>/<c>ConfigureKestrel</c> register its services into a plain
    /// <see cref="IServiceCollection"/>: they only call <c>ConfigureServices</c>. No web host is ever built.
    /// </summary>
    private sealed class ServicesOnlyWebHostBuilder(IServiceCollection services) : IWebHostBuilder
    {
#pragma warning disable ASPDEPR008 // IWebHostBuilder's own signature names the obsolete IWebHost; this builder never builds one.
        public IWebHost Build() => throw new NotSupportedException("only Kestrel's services are registered here");
#pragma warning restore ASPDEPR008

        public IWebHostBuilder ConfigureAppConfiguration(Action<WebHostBuilderContext, IConfigurationBuilder> configureDelegate) =>
            throw new NotSupportedException("Kestrel is configured in code here, not from configuration");

        public IWebHostBuilder ConfigureServices(Action<IServiceCollection> configureServices)
        {
            configureServices(services);
            return this;
        }

        public IWebHostBuilder ConfigureServices(Action<WebHostBuilderContext, IServiceCollection> configureServices) =>
            throw new NotSupportedException("Kestrel is configured in code here, without a web host context");

        public string? GetSetting(string key) => null;

        public IWebHostBuilder UseSetting(string key, string? value) => this;
    }
}
