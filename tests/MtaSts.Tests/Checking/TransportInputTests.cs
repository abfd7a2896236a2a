using System;
using System.IO;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using MtaSts.Checking.Transport;
using Xunit;

namespace MtaSts.Tests.Checking
{
    /// <summary>What users give the live check: DNS server addresses and trust-anchor files.</summary>
    public class TransportInputTests
    {
        [Theory]
        [InlineData("192.0.2.1", "192.0.2.1:53")]
        [InlineData(" 192.0.2.1:5353 ", "192.0.2.1:5353")]
        [InlineData("::1", "[::1]:53")]
        [InlineData("[::1]", "[::1]:53")]
        [InlineData("[2001:db8::1]:9", "[2001:db8::1]:9")]
        public void DnsServerEndPoint_ReadsAddressAndPort(string text, string expected)
        {
            Assert.True(DnsServerEndPoint.TryParse(text, out var endPoint));
            Assert.Equal(expected, endPoint!.ToString());
        }

        [Theory]
        [InlineData("dns.example")]
        [InlineData("192.0.2.1:0")]
        [InlineData("192.0.2.1:65536")]
        [InlineData("192.0.2.1:x")]
        [InlineData("[::1")]
        [InlineData("")]
        public void DnsServerEndPoint_RefusesWhatIsNoServerAddress(string text)
        {
            Assert.False(DnsServerEndPoint.TryParse(text, out _));
        }

        [Fact]
        public void CertificateFile_ReadsPemAndDer()
        {
            using var key = ECDsa.Create();
            var request = new CertificateRequest("CN=Test Root", key, HashAlgorithmName.SHA256);
            using var root = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1));
            string folder = Directory.CreateTempSubdirectory().FullName;
            try
            {
                string pem = Path.Combine(folder, "root.pem");
                string der = Path.Combine(folder, "root.cer");
                File.WriteAllText(pem, "comment line\n" + root.ExportCertificatePem() + "\n");
                File.WriteAllBytes(der, root.Export(X509ContentType.Cert));
                using var fromPem = CertificateFile.Load(pem);
                using var fromDer = CertificateFile.Load(der);
                Assert.Equal(root.Thumbprint, fromPem.Thumbprint);
                Assert.Equal(root.Thumbprint, fromDer.Thumbprint);
                File.WriteAllText(der, "not a certificate");
                Assert.ThrowsAny<CryptographicException>(() => CertificateFile.Load(der));
            }
            finally
            {
                Directory.Delete(folder, recursive: true);
            }
        }
    }
}
