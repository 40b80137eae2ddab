using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Swarm.Tests.Support;

/// <summary>
/// A throwaway PKI for mutual TLS tests, written as docker expects it: <c>ca.pem</c>, <c>server-cert.pem</c>,
/// <c>server-key.pem</c>, and the client's <c>cert.pem</c>/<c>key.pem</c> (DOCKER_CERT_PATH layout).
/// </summary>
public sealed class TestCertificates : IDisposable
{
    private X509Certificate2 _ca = null!;

    private TestCertificates(string directory) => Directory = directory;

    public string Directory { get; }

    public string CaFile => Path.Combine(Directory, "ca.pem");

    public string ServerCertFile => Path.Combine(Directory, "server-cert.pem");

    public string ServerKeyFile => Path.Combine(Directory, "server-key.pem");

    public string ClientCertFile => Path.Combine(Directory, "cert.pem");

    public string ClientKeyFile => Path.Combine(Directory, "key.pem");

    /// <summary>A client certificate from another CA, which the server must refuse.</summary>
    public X509Certificate2 StrangerCertificate { get; private set; } = null!;

    public static TestCertificates Create()
    {
        var pki = new TestCertificates(System.IO.Directory.CreateTempSubdirectory("swarm-tls-").FullName);
        using var caKey = RSA.Create(2048);
        var ca = SelfSignedCa("swarm test CA", caKey);
        pki._ca = ca;
        File.WriteAllText(pki.CaFile, ca.ExportCertificatePem());

        var san = new SubjectAlternativeNameBuilder();
        san.AddIpAddress(IPAddress.Loopback);
        san.AddDnsName("localhost");
        Issue(ca, "swarmd", "1.3.6.1.5.5.7.3.1", san.Build(), pki.ServerCertFile, pki.ServerKeyFile);
        Issue(ca, "client", "1.3.6.1.5.5.7.3.2", null, pki.ClientCertFile, pki.ClientKeyFile);

        using var strangerKey = RSA.Create(2048);
        using var strangerCa = SelfSignedCa("stranger CA", strangerKey);
        var stranger = Path.Combine(pki.Directory, "stranger");
        Issue(strangerCa, "stranger", "1.3.6.1.5.5.7.3.2", null, stranger + "-cert.pem", stranger + "-key.pem");
        pki.StrangerCertificate = X509Certificate2.CreateFromPemFile(stranger + "-cert.pem", stranger + "-key.pem");
        return pki;
    }

    public X509Certificate2 LoadClientCertificate() => X509Certificate2.CreateFromPemFile(ClientCertFile, ClientKeyFile);

    /// <summary>
    /// A client certificate issued by an intermediate CA (itself issued by <see cref="CaFile"/>'s CA) that the client
    /// does not send: the certificate only points at it (AIA <c>caIssuers</c>) and at a CRL, both under
    /// <paramref name="fetchBase"/>. Returns the certificate with its key and the intermediate's DER.
    /// </summary>
    public (X509Certificate2 Client, byte[] Intermediate) IssueViaUnsentIntermediate(Uri fetchBase)
    {
        using var intermediateKey = RSA.Create(2048);
        var request = new CertificateRequest("CN=swarm test intermediate", intermediateKey, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
        request.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(_ca, true, false));
        using var intermediatePublic = request.Create(_ca, DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddDays(1), Serial());
        using var intermediate = intermediatePublic.CopyWithPrivateKey(intermediateKey);

        using var key = RSA.Create(2048);
        var leaf = new CertificateRequest("CN=client via intermediate", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        leaf.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        leaf.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.KeyEncipherment, true));
        leaf.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.2")], false));
        leaf.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(intermediate, true, false));
        leaf.CertificateExtensions.Add(new X509AuthorityInformationAccessExtension(null, [new Uri(fetchBase, "intermediate.cer").ToString()]));
        leaf.CertificateExtensions.Add(CertificateRevocationListBuilder.BuildCrlDistributionPointExtension([new Uri(fetchBase, "intermediate.crl").ToString()]));
        using var issued = leaf.Create(intermediate, DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddHours(12), Serial());
        using var withKey = issued.CopyWithPrivateKey(key);

        // Round-tripped through PKCS#12 so that the key is usable by SslStream on every platform.
        return (X509CertificateLoader.LoadPkcs12(withKey.Export(X509ContentType.Pkcs12), null), intermediate.RawData);
    }

    public void Dispose()
    {
        _ca?.Dispose();
        StrangerCertificate?.Dispose();
        System.IO.Directory.Delete(Directory, recursive: true);
    }

    private static X509Certificate2 SelfSignedCa(string name, RSA key)
    {
        var request = new CertificateRequest($"CN={name}", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
        return request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-10), DateTimeOffset.UtcNow.AddDays(2));
    }

    private static void Issue(X509Certificate2 ca, string name, string usage, X509Extension? san, string certFile, string keyFile)
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest($"CN={name}", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.KeyEncipherment, true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid(usage)], false));
        request.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(ca, true, false));
        if (san is not null)
        {
            request.CertificateExtensions.Add(san);
        }

        using var issued = request.Create(ca, DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddDays(1), Serial());
        File.WriteAllText(certFile, issued.ExportCertificatePem());
        File.WriteAllText(keyFile, key.ExportPkcs8PrivateKeyPem());
    }

    private static byte[] Serial()
    {
        var serial = RandomNumberGenerator.GetBytes(16);
        serial[0] &= 0x7F;
        return serial;
    }
}
