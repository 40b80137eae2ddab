using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Swarm.Core.Backends;

namespace Swarm.Backends.DockerServer;

/// <summary>Where <c>dockerserver</c> listens and how it secures TCP.</summary>
public sealed record DockerServerOptions
{
    private static readonly string[] Valued = ["tlscacert", "tlscert", "tlskey", "max-connections"];
    private static readonly string[] Flags = ["tls", "tlsverify"];

    /// <summary>The listeners; at least one.</summary>
    public required IReadOnlyList<DockerListener> Listeners { get; init; }

    /// <summary>TLS for TCP listeners, or null for plain HTTP.</summary>
    public DockerTlsOptions? Tls { get; init; }

    /// <summary>
    /// Connections served at once (<c>--max-connections</c>); one more is accepted and closed unanswered. Hijacked
    /// attach connections are counted apart, with the same bound.
    /// </summary>
    public int MaxConnections { get; init; } = Hosting.ServerLimits.DefaultMaxConnections;

    /// <summary>
    /// Parses a <c>dockerserver</c> spec. Certificates are loaded here, so a missing or unreadable file is a spec
    /// error before anything listens. As with dockerd, the files default to <c>$DOCKER_CERT_PATH</c> or
    /// <c>~/.docker</c> (<c>ca.pem</c>, <c>cert.pem</c>, <c>key.pem</c>).
    /// </summary>
    public static DockerServerOptions Parse(BackendSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        var options = SpecOptions.Parse(spec, Valued, Flags);
        var listeners = options.Positional.Count == 0
            ? [new DockerListener("localhost", DockerListener.DefaultPort, null)]
            : options.Positional.Select(DockerListener.Parse).ToArray();
        var verify = options.Flag("tlsverify");
        var tls = verify || options.Flag("tls") || options.Get("tlscert") is not null;
        return new DockerServerOptions
        {
            Listeners = listeners,
            Tls = tls ? LoadTls(options, verify) : null,
            MaxConnections = MaxConnectionsOf(options.Get("max-connections")),
        };
    }

    private static int MaxConnectionsOf(string? text) => text switch
    {
        null => Hosting.ServerLimits.DefaultMaxConnections,
        _ when int.TryParse(text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var n) && n > 0 => n,
        _ => throw new SwarmSpecException($"dockerserver: --max-connections takes a positive number, not '{text}'"),
    };

    private static DockerTlsOptions LoadTls(SpecOptions options, bool verify)
    {
        var directory = Environment.GetEnvironmentVariable("DOCKER_CERT_PATH") is { Length: > 0 } p
            ? p
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".docker");
        var certFile = options.Get("tlscert") ?? Path.Combine(directory, "cert.pem");
        var keyFile = options.Get("tlskey") ?? Path.Combine(directory, "key.pem");
        var server = Load("--tlscert/--tlskey", () => X509Certificate2.CreateFromPemFile(certFile, keyFile), certFile);
        X509Certificate2Collection authorities = [];
        if (verify)
        {
            var caFile = options.Get("tlscacert") ?? Path.Combine(directory, "ca.pem");
            Load("--tlscacert", () => { authorities.ImportFromPemFile(caFile); return authorities; }, caFile);
            if (authorities.Count == 0)
            {
                throw new SwarmSpecException($"dockerserver: --tlscacert {caFile} holds no certificate");
            }
        }

        return new DockerTlsOptions { ServerCertificate = server, VerifyClients = verify, ClientAuthorities = authorities };
    }

    private static T Load<T>(string what, Func<T> load, string file)
    {
        try
        {
            return load();
        }
        catch (Exception ex) when (ex is IOException or CryptographicException or UnauthorizedAccessException or ArgumentException)
        {
            throw new SwarmSpecException($"dockerserver: cannot load {what} from {file}: {ex.Message}", ex);
        }
    }
}
