using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.AspNetCore.Server.Kestrel.Https;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Swarm.Backends.DockerServer.Hosting;

/// <summary>Builds the bare Kestrel host: no configuration files, no routing middleware, only the listeners.</summary>
internal static class KestrelHost
{
    public static WebApplication Build(DockerServerOptions options, ILoggerFactory loggerFactory, ILogger logger)
    {
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions
        {
            ApplicationName = typeof(KestrelHost).Assembly.GetName().Name,
            ContentRootPath = AppContext.BaseDirectory,
        });
        builder.Services.AddLogging();
        builder.Services.Replace(ServiceDescriptor.Singleton(loggerFactory));
        builder.Services.AddSingleton<IHostLifetime, QuietHostLifetime>();
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(5));
        builder.WebHost.UseKestrelCore().ConfigureKestrel(kestrel =>
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
        return builder.Build();
    }

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
}
