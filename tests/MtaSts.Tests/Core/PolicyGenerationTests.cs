using System.Linq;
using System.Text;
using System;
using MtaSts.Diagnostics;
using MtaSts.Policy;
using MtaSts.Records;
using Xunit;

namespace MtaSts.Tests.Core
{
    public class PolicyGenerationTests
    {
        private static MxPattern[] Mx(params string[] hosts) => hosts.Select(MxPattern.Parse).ToArray();

        [Fact(DisplayName = "RFC 8461 §3.2: the canonical writer emits version, mode, mx, max_age with CRLF")]
        public void CanonicalBytes()
        {
            var policy = MtaStsPolicy.Create(PolicyMode.Enforce, Mx("mail.example.com", "*.mail.example.com"), 604800, "example.com");
            Assert.Equal("version: STSv1\r\nmode: enforce\r\nmx: mail.example.com\r\nmx: *.mail.example.com\r\nmax_age: 604800\r\n", policy.Text);
            Assert.Equal(Encoding.ASCII.GetBytes(policy.Text), policy.ToBytes());
            Assert.Equal("mta-sts.example.com", policy.PolicyHost);
            Assert.Equal("https://mta-sts.example.com/.well-known/mta-sts.txt", policy.PolicyUrl);
        }

        [Fact(DisplayName = "RFC 8461 §3.2: mx patterns are de-duplicated in order")]
        public void Deduplicated() =>
            Assert.Equal(new[] { "b.example.com", "a.example.com" },
                MtaStsPolicy.Create(PolicyMode.Testing, Mx("b.example.com", "A.example.com", "b.example.com.", "a.example.com")).Mx.Select(m => m.Value));

        [Theory(DisplayName = "RFC 8461 §3.2: max_age is 0 to 31557600")]
        [InlineData(-1)]
        [InlineData(31557601)]
        public void MaxAgeRange(int maxAge) =>
            Assert.Equal(ErrorCodes.MaxAgeOutOfRange, Assert.Throws<MtaStsFormatException>(() => MtaStsPolicy.Create(PolicyMode.Testing, Mx("a.example.com"), maxAge)).Finding.Code);

        [Fact(DisplayName = "RFC 8461 §3.2: mx is required unless the mode is none")]
        public void MxRequired()
        {
            Assert.Equal(ErrorCodes.MxRequired, Assert.Throws<MtaStsFormatException>(() => MtaStsPolicy.Create(PolicyMode.Enforce, Mx())).Finding.Code);
            Assert.Contains(MtaStsPolicy.Create(PolicyMode.None, Mx(), 86400).Review(), f => f.Code == ErrorCodes.NoneWithoutMx);
        }

        [Fact(DisplayName = "RFC 8461 §3.3: a policy over 10 KiB is not generated (chasquid truncates)")]
        public void TooLarge()
        {
            var many = Enumerable.Range(0, 400).Select(i => MxPattern.Parse($"mx{i}.mail-servers.example.com"));
            Assert.Equal(ErrorCodes.PolicyTooLarge, Assert.Throws<MtaStsFormatException>(() => MtaStsPolicy.Create(PolicyMode.Enforce, many)).Finding.Code);
        }

        [Theory(DisplayName = "RFC 8461 §3.1: a bad policy domain is refused")]
        [InlineData("example .com")]
        [InlineData("exa_mple.com")]
        [InlineData("example.com\n")]
        [InlineData("192.0.2.1")]
        public void BadDomain(string domain) =>
            Assert.Equal(ErrorCodes.DomainInvalid, Assert.Throws<MtaStsFormatException>(() => MtaStsPolicy.Create(PolicyMode.Testing, Mx("a.example.com"), domain: domain)).Finding.Code);

        [Fact(DisplayName = "RFC 8461 §3.2: an IDN policy domain becomes A-labels")]
        public void IdnDomain() =>
            Assert.Equal("https://mta-sts.xn--bcher-kva.example/.well-known/mta-sts.txt",
                MtaStsPolicy.Create(PolicyMode.Testing, Mx("mx.bücher.example"), domain: "Bücher.example.").PolicyUrl);

        [Fact(DisplayName = "RFC 8461 §3.1: the default id is the UTC time as yyyyMMddHHmmssZ")]
        public void TimestampId()
        {
            var clock = Clock.Fixed(new DateTimeOffset(2026, 1, 1, 13, 0, 0, TimeSpan.FromHours(1)));
            var record = MtaStsTxtRecord.Create("example.com", clock: clock);
            Assert.Equal("20260101120000Z", record.Id);
            Assert.Equal("v=STSv1; id=20260101120000Z", record.Value);
        }

        [Theory(DisplayName = "RFC 8461 §3.1: ids are 1 to 32 letters and digits")]
        [InlineData("2026-01-01")]
        [InlineData("aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa")]
        [InlineData("")]
        [InlineData("abc\n")]
        [InlineData("a b")]
        public void BadIds(string id) =>
            Assert.Equal(ErrorCodes.IdInvalid, Assert.Throws<MtaStsFormatException>(() => MtaStsTxtRecord.Create("example.com", id)).Finding.Code);

        [Fact(DisplayName = "RFC 8461 §3.1: the record follows the DNS record contract")]
        public void DnsContract()
        {
            var record = MtaStsTxtRecord.Create("mail.example.com", "abc123", "example.com", TimeSpan.FromMinutes(5));
            Assert.Equal("example.com", record.ZoneName);
            Assert.Equal("_mta-sts.mail", record.Name);
            Assert.Equal("_mta-sts.mail.example.com", record.Fqdn);
            Assert.Equal("TXT", record.RecordType);
            Assert.Equal(300, record.Ttl);
            Assert.Equal(TimeSpan.FromMinutes(5), record.TimeToLive);
            Assert.Equal("v=STSv1; id=abc123", record.DescriptiveText);
            Assert.Equal("_mta-sts.mail.example.com. 300 IN TXT \"v=STSv1; id=abc123\"", record.ZoneFileText);
        }

        [Fact(DisplayName = "RFC 1034 §4.2: a domain outside the zone is refused")]
        public void ZoneMismatch() =>
            Assert.Equal(ErrorCodes.ZoneMismatch, Assert.Throws<MtaStsFormatException>(() => MtaStsTxtRecord.Create("example.com", "1", "example.org")).Finding.Code);

        [Theory(DisplayName = "RFC 2181 §8: TTLs are whole seconds within 2^31-1")]
        [InlineData(3600L)]
        [InlineData(-10_000_000L)]
        [InlineData(21_474_836_480_000_000L)]
        public void BadTtl(long ticks) =>
            Assert.Equal(ErrorCodes.TimeToLiveInvalid, Assert.Throws<MtaStsFormatException>(() => MtaStsTxtRecord.Create("example.com", "1", null, TimeSpan.FromTicks(ticks))).Finding.Code);

        [Fact(DisplayName = "RFC 1035 §3.3.14: long TXT data splits into 255-byte quoted strings")]
        public void ZoneFileSplitting()
        {
            string quoted = DnsTxtText.Quote(new string('a', 300) + "\"\\");
            Assert.Equal("\"" + new string('a', 255) + "\" \"" + new string('a', 45) + "\\\"\\\\\"", quoted);
        }
    }
}
