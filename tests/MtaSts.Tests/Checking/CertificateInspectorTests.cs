using System.Collections.Generic;
using System.Linq;
using System.Security.Cryptography.X509Certificates;
using System.Security.Cryptography;
using System;
using MtaSts.Checking;
using MtaSts.Checking.Transport;
using MtaSts.Diagnostics;
using Xunit;

namespace MtaSts.Tests.Checking
{
    /// <summary>Certificate vectors C01–C09 (RFC 8461 §3.3, §4.2; RFC 6125 §6.4).</summary>
    public class CertificateInspectorTests
    {
        private static readonly DateTime Now = new DateTime(2026, 6, 1, 0, 0, 0, DateTimeKind.Utc);

        [Theory]
        [InlineData("C01", "mta-sts.example.com", "mta-sts.example.com", "Exact")]
        [InlineData("C02", "mta-sts.example.com", "*.example.com", "Wildcard")]
        [InlineData("C03", "mta-sts.example.com", "example.com", "None")]
        [InlineData("C04", "mta-sts.example.com", "mta*.example.com", "PartialWildcard")]
        [InlineData("C06", "a.b.example.com", "*.example.com", "None")]
        [InlineData("C07", "mail.example.com", "m*.example.com", "PartialWildcard")]
        [InlineData("case", "MTA-STS.Example.COM.", "mta-sts.example.com", "Exact")]
        [InlineData("A-label", "xn--mta-sts.example.com", "xn--*.example.com", "None")]
        public void NameMatching_Rfc6125Section6_4(string vector, string host, string dnsName, string expected)
        {
            Assert.True(expected == CertificateInspector.MatchName(new[] { dnsName }, host).ToString(), vector);
        }

        [Fact]
        public void C04_PartialWildcardIsRefusedForThePolicyHost_Rfc8461Section3_3()
        {
            using var ca = Authority("Root");
            using var leaf = Leaf(ca, "mta*.example.com");
            var findings = Inspect(leaf, new[] { leaf }, "mta-sts.example.com", policyHost: true, roots: new[] { ca });
            Assert.Contains(findings, f => f.Code == ErrorCodes.CertificateNameMismatch && f.Severity == Severity.Error);
        }

        [Fact]
        public void C07_PartialWildcardIsAWarningForAnMxHost_Rfc6125Section6_4_3()
        {
            using var ca = Authority("Root");
            using var leaf = Leaf(ca, "m*.example.com");
            var findings = Inspect(leaf, new[] { leaf }, "mail.example.com", policyHost: false, roots: new[] { ca });
            Assert.Equal(new[] { ErrorCodes.CertificatePartialWildcard }, findings.Select(f => f.Code));
            Assert.Equal(Severity.Warning, findings[0].Severity);
        }

        [Fact]
        public void C05_ACommonNameWithoutDnsNamesFails_Rfc8461Section4_2()
        {
            using var ca = Authority("Root");
            using var leaf = Leaf(ca, dnsName: null, subject: "mail.example.com");
            var findings = Inspect(leaf, new[] { leaf }, "mail.example.com", policyHost: false, roots: new[] { ca });
            var finding = Assert.Single(findings);
            Assert.Equal(ErrorCodes.CertificateNoDnsName, finding.Code);
            Assert.Contains("mail.example.com", finding.Message, StringComparison.Ordinal);
        }

        [Fact]
        public void C08_AnIntermediateTheServerDidNotSendIsNotFetched_Rfc8461Section3_3()
        {
            using var root = Authority("Root");
            using var intermediate = Authority("Intermediate", root);
            using var leaf = Leaf(intermediate, "mta-sts.example.com");

            var without = Inspect(leaf, new[] { leaf }, "mta-sts.example.com", policyHost: true, roots: new[] { root });
            var with = Inspect(leaf, new[] { leaf, intermediate }, "mta-sts.example.com", policyHost: true, roots: new[] { root });

            Assert.Equal(new[] { ErrorCodes.CertificateChainIncomplete }, without.Select(f => f.Code));
            Assert.Contains("CN=Intermediate", without[0].Message, StringComparison.Ordinal);
            Assert.Contains("full chain", without[0].Message, StringComparison.Ordinal);
            Assert.Empty(with);
        }

        [Fact]
        public void C08_AnIssuerFoundOnThisMachineInsteadOfSentIsNamed_Rfc8461Section4_2()
        {
            using var root = Authority("Root");
            using var intermediate = Authority("Intermediate", root);
            using var leaf = Leaf(intermediate, "mta-sts.example.com");
            using var chain = new X509Chain();
            chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
            chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
            chain.ChainPolicy.CustomTrustStore.Add(root);
            chain.ChainPolicy.ExtraStore.Add(intermediate); // stands for the user's intermediate store or the runtime's cache
            chain.ChainPolicy.VerificationTime = Now;
            Assert.True(chain.Build(leaf));

            Assert.Equal(intermediate.Thumbprint, CertificateInspector.IssuerNotSent(ChainSnapshot.Take(chain), new[] { leaf }, new[] { root })?.Thumbprint);
            Assert.Null(CertificateInspector.IssuerNotSent(ChainSnapshot.Take(chain), new[] { leaf, intermediate }, new[] { root }));
        }

        [Fact]
        public void C09_ASelfSignedCertificateFails_Rfc8461Section3_3()
        {
            using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
            var request = new CertificateRequest("CN=mta-sts.example.com", key, HashAlgorithmName.SHA256);
            request.CertificateExtensions.Add(Names("mta-sts.example.com"));
            using var leaf = request.CreateSelfSigned(Now.AddDays(-10), Now.AddDays(10));
            var findings = Inspect(leaf, new[] { leaf }, "mta-sts.example.com", policyHost: true, roots: Array.Empty<X509Certificate2>());
            Assert.Equal(new[] { ErrorCodes.CertificateSelfSigned }, findings.Select(f => f.Code));
        }

        [Fact]
        public void AnExpiredCertificateFailsAndSaysWhen_Rfc8461Section3_3()
        {
            using var root = Authority("Root");
            using var leaf = Leaf(root, "mta-sts.example.com", notAfter: Now.AddDays(-3));
            var findings = Inspect(leaf, new[] { leaf }, "mta-sts.example.com", policyHost: true, roots: new[] { root });
            var finding = Assert.Single(findings);
            Assert.Equal(ErrorCodes.CertificateExpired, finding.Code);
            Assert.Contains(Now.AddDays(-3).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), finding.Message, StringComparison.Ordinal);
        }

        [Fact]
        public void ACertificateAboutToExpireIsAWarning()
        {
            using var root = Authority("Root");
            using var leaf = Leaf(root, "mta-sts.example.com", notAfter: Now.AddDays(5));
            var findings = Inspect(leaf, new[] { leaf }, "mta-sts.example.com", policyHost: true, roots: new[] { root });
            Assert.Equal(new[] { (ErrorCodes.CertificateExpiresSoon, Severity.Warning) }, findings.Select(f => (f.Code, f.Severity)));
        }

        [Fact]
        public void DnsNamesAreReadFromTheSubjectAltNameExtension()
        {
            using var root = Authority("Root");
            using var leaf = Leaf(root, "a.example.com", "*.b.example.com");
            Assert.Equal(new[] { "a.example.com", "*.b.example.com" }, CertificateInspector.DnsNames(leaf));
        }

        [Fact]
        public void AHandshakeChainEndingCleanlyAtItsFewRootsIsJudgedAsBuilt_Rfc8461Section3_3()
        {
            using var root = Authority("Root");
            using var leaf = Leaf(root, "mta-sts.example.com");
            using var built = Narrowed(leaf, new[] { leaf }, new[] { root });

            Assert.True(built.Conclusive);
            Assert.Empty(Inspect(leaf, new[] { leaf }, "mta-sts.example.com", policyHost: true, roots: new[] { root }, built));
        }

        [Fact]
        public void AHandshakeChainMissingItsFewRootsIsJudgedAgainUnderTheFullTrust_Rfc8461Section3_3()
        {
            using var root = Authority("Root");
            using var intermediate = Authority("Intermediate", root);
            using var direct = Leaf(root, "mta-sts.example.com");
            using var viaIntermediate = Leaf(intermediate, "mta-sts.example.com");
            using var untrusted = Narrowed(direct, new[] { direct }, Array.Empty<X509Certificate2>());
            using var partial = Narrowed(viaIntermediate, new[] { viaIntermediate }, new[] { root });

            Assert.False(untrusted.Conclusive);
            Assert.False(partial.Conclusive);
            Assert.Empty(Inspect(direct, new[] { direct }, "mta-sts.example.com", policyHost: true, roots: new[] { root }, untrusted));
            var findings = Inspect(viaIntermediate, new[] { viaIntermediate }, "mta-sts.example.com", policyHost: true, roots: new[] { root }, partial);
            Assert.Equal(new[] { ErrorCodes.CertificateChainIncomplete }, findings.Select(f => f.Code));
        }

        [Fact]
        public void OnlyTheRootOfAnErrorFreeChainIsLearnedAndOnlyOnce()
        {
            using var root = Authority("Root");
            using var leaf = Leaf(root, "mta-sts.example.com");
            using var clean = Narrowed(leaf, new[] { leaf }, new[] { root }); // stands for a full build ending at a system root
            using var untrusted = Narrowed(leaf, new[] { leaf }, Array.Empty<X509Certificate2>());
            using var selfSigned = Authority("mta-sts.example.com");
            using var lone = Narrowed(selfSigned, new[] { selfSigned }, new[] { selfSigned });
            var learned = new LearnedRoots();

            learned.RememberAnchorOf(untrusted);
            learned.RememberAnchorOf(lone);
            Assert.Empty(learned.All);
            learned.RememberAnchorOf(clean);
            learned.RememberAnchorOf(clean);
            Assert.Equal(new[] { root.Thumbprint }, learned.All.Select(r => r.Thumbprint));
        }

        [Fact]
        public void TheHandshakeTrustsOnlyTheExtraAndLearnedRootsWhereOpenSslBuildsChains()
        {
            using var extra = Authority("Extra");
            using var root = Authority("Root");
            using var leaf = Leaf(root, "mta-sts.example.com");
            using var clean = Narrowed(leaf, new[] { leaf }, new[] { root });
            var learned = new LearnedRoots();
            learned.RememberAnchorOf(clean);

            var policy = OfflineChainPolicy.ForHandshake(new[] { extra }, learned, Now);

            Assert.Equal(X509RevocationMode.NoCheck, policy.RevocationMode);
            Assert.True(policy.DisableCertificateDownloads);
            if (OperatingSystem.IsLinux())
            {
                Assert.Equal(X509ChainTrustMode.CustomRootTrust, policy.TrustMode);
                Assert.Equal(new[] { extra.Thumbprint, root.Thumbprint }, policy.CustomTrustStore.Select(c => c.Thumbprint));
            }
            else
            {
                Assert.Equal(X509ChainTrustMode.System, policy.TrustMode);
            }
        }

        private static List<Finding> Inspect(X509Certificate2 leaf, X509Certificate2[] sent, string host, bool policyHost, X509Certificate2[] roots, ChainSnapshot? built = null)
        {
            var findings = new List<Finding>();
            CertificateInspector.Inspect(leaf, sent, host, policyHost, roots, Now, "RFC 8461 §3.3", findings, Severity.Error, built);
            return findings;
        }

        /// <summary>What a handshake builds under a narrowed trust: only <paramref name="anchors"/>, the sent certificates as extras.</summary>
        private static ChainSnapshot Narrowed(X509Certificate2 leaf, X509Certificate2[] sent, X509Certificate2[] anchors)
        {
            using var chain = new X509Chain();
            chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
            chain.ChainPolicy.DisableCertificateDownloads = true;
            chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
            chain.ChainPolicy.CustomTrustStore.AddRange(anchors);
            chain.ChainPolicy.ExtraStore.AddRange(sent);
            chain.ChainPolicy.VerificationTime = Now;
            chain.Build(leaf);
            return ChainSnapshot.Take(chain);
        }

        private static X509Certificate2 Authority(string name, X509Certificate2? issuer = null)
        {
            var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
            var request = new CertificateRequest("CN=" + name, key, HashAlgorithmName.SHA256);
            request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
            request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
            request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
            if (issuer == null)
            {
                return request.CreateSelfSigned(Now.AddYears(-1), Now.AddYears(5));
            }

            request.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(issuer, true, false));
            using var signed = request.Create(issuer, Now.AddYears(-1), Now.AddYears(4), Serial());
            return signed.CopyWithPrivateKey(key);
        }

        private static X509Certificate2 Leaf(X509Certificate2 issuer, string? dnsName, string? second = null, string subject = "leaf", DateTime? notAfter = null)
        {
            using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
            var request = new CertificateRequest("CN=" + subject, key, HashAlgorithmName.SHA256);
            request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
            request.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(issuer, true, false));
            if (dnsName != null)
            {
                request.CertificateExtensions.Add(second == null ? Names(dnsName) : Names(dnsName, second));
            }

            var end = notAfter ?? Now.AddDays(90);
            return request.Create(issuer, Now.AddDays(-30), end, Serial());
        }

        private static X509Extension Names(params string[] names)
        {
            var builder = new SubjectAlternativeNameBuilder();
            foreach (string name in names)
            {
                builder.AddDnsName(name);
            }

            return builder.Build();
        }

        private static byte[] Serial()
        {
            var serial = new byte[16];
            RandomNumberGenerator.Fill(serial);
            serial[0] = 0x40;
            return serial;
        }
    }
}
