using System.Security.Cryptography.X509Certificates;

namespace Swarm.Backends.DockerServer;

/// <summary>
/// TLS as dockerd does it: the server's certificate and key, and with <see cref="VerifyClients"/> (<c>--tlsverify</c>)
/// every client must present a certificate issued by <see cref="ClientAuthorities"/>.
/// </summary>
public sealed record DockerTlsOptions
{
    /// <summary>The server's certificate with its private key.</summary>
    public required X509Certificate2 ServerCertificate { get; init; }

    /// <summary>Require and verify client certificates (mutual TLS).</summary>
    public bool VerifyClients { get; init; }

    /// <summary>The CAs client certificates must chain to.</summary>
    public X509Certificate2Collection ClientAuthorities { get; init; } = [];
}
