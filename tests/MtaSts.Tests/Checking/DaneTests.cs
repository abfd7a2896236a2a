using System;
using System.Linq;
using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Threading;
using System.Threading.Tasks;
using MtaSts.Checking;
using MtaSts.Checking.Transport;
using MtaSts.Diagnostics;
using MtaSts.Records;
using Xunit;

namespace MtaSts.Tests.Checking
{
    /// <summary>DANE for SMTP (RFC 7672): TLSA matching, and how an MX's TLSA answer is judged (RFC 8461 §2).</summary>
    public class DaneTests
    {
        [Theory]
        [InlineData("ecdsa")]
        [InlineData("rsa")]
        public void SubjectPublicKeyInfoIsReadFromTheCertificateDer_Rfc5280Section4_1(string algorithm)
        {
            using var certificate = SelfSigned("CN=mx.example.com", algorithm);
            Assert.Equal(certificate.PublicKey.ExportSubjectPublicKeyInfo(), Dane.SubjectPublicKeyInfo(certificate.RawData));
            Assert.Null(Dane.SubjectPublicKeyInfo(new byte[] { 0x30, 0x82, 0xFF }));
        }

        [Theory]
        [InlineData(3, 1, 1, true)]
        [InlineData(3, 0, 1, true)]
        [InlineData(3, 1, 2, true)]
        [InlineData(3, 1, 0, true)]
        [InlineData(1, 1, 1, false)] // PKIX-EE: not usable for SMTP (RFC 7672 §3.1.3)
        [InlineData(3, 2, 1, false)] // no such selector
        public void DaneEeMatchesTheLeaf_Rfc7672Section3_1_1(int usage, int selector, int matching, bool expected)
        {
            using var leaf = SelfSigned("CN=mx.example.com", "ecdsa");
            var record = new TlsaRecordData(usage, selector, matching, Association(leaf, selector == 2 ? 1 : selector, matching));
            Assert.Equal(expected, Dane.Matches(new[] { record }, leaf, new[] { leaf }));
        }

        [Fact]
        public void DaneTaMatchesOnlyAnIssuerTheServerSent_Rfc7672Section3_1_2()
        {
            using var caKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
            var caRequest = new CertificateRequest("CN=Issuing CA", caKey, HashAlgorithmName.SHA256);
            caRequest.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
            using var ca = caRequest.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(30));
            using var leafKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
            using var leaf = new CertificateRequest("CN=mx.example.com", leafKey, HashAlgorithmName.SHA256)
                .Create(ca, DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(10), new byte[] { 7, 7, 7 });
            var record = new TlsaRecordData(2, 1, 1, Association(ca, 1, 1));

            Assert.True(Dane.Matches(new[] { record }, leaf, new[] { leaf, ca }));
            Assert.False(Dane.Matches(new[] { record }, leaf, new[] { leaf }));
            Assert.False(Dane.Matches(new[] { new TlsaRecordData(3, 1, 1, new byte[32]) }, leaf, new[] { leaf, ca }));
        }

        [Theory]
        [InlineData(true, 3, null, "MtaStsDaneInUse")]
        [InlineData(false, 3, "MtaStsDaneTlsaUnsigned", null)]
        [InlineData(true, 1, "MtaStsDaneTlsaUnusable", null)]
        public async Task TheMxTlsaAnswerDecidesWhetherDaneApplies_Rfc8461Section2(bool signed, int usage, string? warning, string? info)
        {
            var dns = MxAt127("mx.example.com");
            dns.Tlsa["_25._tcp.mx.example.com"] = new[] { new TlsaRecordData(usage, 1, 1, new byte[32]) };
            if (signed)
            {
                dns.Signed.Add("_25._tcp.mx.example.com");
            }

            var check = await MtaStsChecker.CheckAsync("example.com", Options(dns), null, CancellationToken.None);
            var mx = Assert.Single(check.Smtp);
            Assert.NotNull(mx.Dane);
            Assert.Equal(signed, mx.Dane!.Authenticated);
            Assert.Equal(signed && usage == 3, mx.Dane.InUse);
            Assert.Equal(warning, check.Findings.Where(f => f.Severity == Severity.Warning && f.Code.StartsWith("MtaStsDane", StringComparison.Ordinal)).Select(f => f.Code).SingleOrDefault());
            Assert.Equal(info, check.Findings.Where(f => f.Severity == Severity.Info && f.Code.StartsWith("MtaStsDane", StringComparison.Ordinal)).Select(f => f.Code).SingleOrDefault());
        }

        [Fact]
        public async Task AnMxWithoutTlsaHasNoDaneAndAFailedLookupIsSaid_Rfc7672Section2_2()
        {
            var dns = MxAt127("mx.example.com");
            var check = await MtaStsChecker.CheckAsync("example.com", Options(dns), null, CancellationToken.None);
            Assert.Null(Assert.Single(check.Smtp).Dane);

            dns.Broken.Add("_25._tcp.mx.example.com");
            check = await MtaStsChecker.CheckAsync("example.com", Options(dns), null, CancellationToken.None);
            Assert.Contains(check.Findings, f => f.Code == ErrorCodes.DaneLookupFailed && f.Severity == Severity.Warning);
        }

        /// <summary>A domain whose MX resolves to 127.0.0.1, probed on a port where nothing listens (the probe is "not tested").</summary>
        private static FakeDns MxAt127(string mx)
        {
            var dns = new FakeDns();
            dns.Mx["example.com"] = new[] { new MxRecordData(10, mx) };
            dns.Addresses[mx] = new[] { IPAddress.Loopback };
            return dns;
        }

        private static CheckOptions Options(FakeDns dns) => new CheckOptions
        {
            DnsFactory = _ => dns,
            Clock = Clock.Fixed(DateTimeOffset.UtcNow),
            Timeout = TimeSpan.FromSeconds(1),
            IncludeSmtp = true,
            SmtpPort = 9,
        };

        private static byte[] Association(X509Certificate2 certificate, int selector, int matching)
        {
            byte[] selected = selector == 0 ? certificate.RawData : certificate.PublicKey.ExportSubjectPublicKeyInfo();
            return matching switch
            {
                0 => selected,
                1 => SHA256.HashData(selected),
                _ => SHA512.HashData(selected),
            };
        }

        private static X509Certificate2 SelfSigned(string subject, string algorithm)
        {
            if (algorithm == "rsa")
            {
                using var rsa = RSA.Create(2048);
                return new CertificateRequest(subject, rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1).CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1));
            }

            using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
            return new CertificateRequest(subject, key, HashAlgorithmName.SHA256).CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1));
        }
    }
}
