using System.Linq;
using System;
using MtaSts.Diagnostics;
using MtaSts.Records;
using Xunit;

namespace MtaSts.Tests.Core
{
    /// <summary>TLS-RPT record vectors (RFC 8460 §3) and the TLS-RPT record generator.</summary>
    public class TlsRptRecordTests
    {
        [Theory(DisplayName = "RFC 8460 §3: valid TLS-RPT vectors parse")]
        [InlineData("R01", "v=TLSRPTv1; rua=mailto:tlsrpt@example.com", new[] { "mailto:tlsrpt@example.com" })]
        [InlineData("R02", "v=TLSRPTv1;rua=https://reports.example.com/v1/tlsrpt", new[] { "https://reports.example.com/v1/tlsrpt" })]
        [InlineData("R03 two URIs", "v=TLSRPTv1; rua=mailto:a@example.com,https://r.example.net/tlsrpt", new[] { "mailto:a@example.com", "https://r.example.net/tlsrpt" })]
        [InlineData("R04 WSP around the comma", "v=TLSRPTv1; rua=mailto:a@example.com , mailto:b@example.net", new[] { "mailto:a@example.com", "mailto:b@example.net" })]
        [InlineData("R12 trailing delimiter", "v=TLSRPTv1; rua=mailto:a@example.com;", new[] { "mailto:a@example.com" })]
        [InlineData("R13 extension ignored", "v=TLSRPTv1; rua=mailto:a@example.com; foo=bar", new[] { "mailto:a@example.com" })]
        [InlineData("R16 encoded comma", "v=TLSRPTv1; rua=mailto:tls%2Crpt@example.com", new[] { "mailto:tls%2Crpt@example.com" })]
        [InlineData("R19 repeated rua (warns, merged)", "v=TLSRPTv1; rua=mailto:a@example.com; rua=mailto:b@example.com", new[] { "mailto:a@example.com", "mailto:b@example.com" })]
        [InlineData("R20 space before delimiter (warns)", "v=TLSRPTv1 ; rua=mailto:a@example.com", new[] { "mailto:a@example.com" })]
        public void ValidVectors(string vector, string value, string[] rua)
        {
            var result = TlsRptRecordParser.Parse(value);
            Assert.True(result.Success, vector + ": " + result.Error);
            Assert.Equal(rua, result.Value!.Rua);
        }

        [Theory(DisplayName = "RFC 8460 §3: invalid TLS-RPT vectors fail with a column")]
        [InlineData("R05 rua missing", "v=TLSRPTv1")]
        [InlineData("R06 rua missing after delimiter", "v=TLSRPTv1;")]
        [InlineData("R07 bare address", "v=TLSRPTv1; rua=tlsrpt@example.com")]
        [InlineData("R08 second item not a URI", "v=TLSRPTv1; rua=mailto:a@example.com,b@example.com")]
        [InlineData("R09 unencoded !", "v=TLSRPTv1; rua=mailto:a@example.com!10m")]
        [InlineData("R10 http", "v=TLSRPTv1; rua=http://reports.example.com/")]
        [InlineData("R11 version case", "v=tlsrptv1; rua=mailto:a@example.com")]
        [InlineData("R14 version not first", "rua=mailto:a@example.com; v=TLSRPTv1")]
        [InlineData("R15 RUA uppercase", "v=TLSRPTv1; RUA=mailto:a@example.com")]
        [InlineData("R17 empty rua", "v=TLSRPTv1; rua=")]
        [InlineData("R18 dangling comma", "v=TLSRPTv1; rua=mailto:a@example.com,")]
        public void InvalidVectors(string vector, string value)
        {
            var result = TlsRptRecordParser.Parse(value);
            Assert.False(result.Success, vector);
            Assert.Equal("RFC 8460 §3", result.Error!.RfcSection);
            Assert.InRange(result.Error.Column, 1, value.Length + 1);
            Assert.Throws<MtaStsFormatException>(() => TlsRptRecord.Parse(value));
        }

        [Theory(DisplayName = "RFC 8460 §3: ambiguous records warn")]
        [InlineData("R19", "v=TLSRPTv1; rua=mailto:a@example.com; rua=mailto:b@example.com", ErrorCodes.TlsRptRepeatedRua)]
        [InlineData("R20", "v=TLSRPTv1 ; rua=mailto:a@example.com", ErrorCodes.TxtSpaceBeforeDelimiter)]
        public void AmbiguousRecordsWarn(string vector, string value, string code) =>
            Assert.True(TlsRptRecordParser.Parse(value).Warnings.Any(w => w.Code == code), vector);

        [Theory(DisplayName = "RFC 8460 §3: errors name the fix")]
        [InlineData("v=TLSRPTv1; rua=tlsrpt@example.com", "mailto:")]
        [InlineData("v=TLSRPTv1; rua=mailto:a@example.com,b@example.com", "%2C")]
        [InlineData("v=TLSRPTv1; rua=http://reports.example.com/", "https")]
        [InlineData("v=TLSRPTv1; RUA=mailto:a@example.com", "case-sensitive")]
        public void ErrorsNameTheFix(string value, string fix) =>
            Assert.Contains(fix, TlsRptRecordParser.Parse(value).Error!.Message);

        [Theory(DisplayName = "RFC 8460 §3, RFC 6068 §2, RFC 3986 §3.2: rua URIs no reporter can use are invalid")]
        [InlineData("mailto without an address", "v=TLSRPTv1; rua=mailto:example.com", "one address")]
        [InlineData("mailto with an empty mailbox", "v=TLSRPTv1; rua=mailto:@example.com", "mailbox")]
        [InlineData("mailto with an empty domain", "v=TLSRPTv1; rua=mailto:a@", "domain")]
        [InlineData("mailto with several @", "v=TLSRPTv1; rua=mailto:a@b@example.com", "more than one '@'")]
        [InlineData("mailto with two encoded addresses", "v=TLSRPTv1; rua=mailto:a@example.com%2Cb@example.net", "more than one '@'")]
        [InlineData("mailto with a bad domain", "v=TLSRPTv1; rua=mailto:a@exa_mple.com", "domain")]
        [InlineData("mailto with an encoded space", "v=TLSRPTv1; rua=mailto:a%20b@example.com", "mailbox")]
        [InlineData("mailto with encoded non-ASCII", "v=TLSRPTv1; rua=mailto:r%C3%A9@example.com", "ASCII")]
        [InlineData("https without //", "v=TLSRPTv1; rua=https:x", "https://")]
        [InlineData("https without a host", "v=TLSRPTv1; rua=https:///tlsrpt", "host")]
        [InlineData("https with port 0", "v=TLSRPTv1; rua=https://r.example.com:0/", "port '0'")]
        [InlineData("https with a port too large", "v=TLSRPTv1; rua=https://r.example.com:65536/", "port '65536'")]
        [InlineData("https with an empty port", "v=TLSRPTv1; rua=https://r.example.com:/", "port ''")]
        [InlineData("https with a user name", "v=TLSRPTv1; rua=https://user:pw@r.example.com/", "user name")]
        [InlineData("https with a bad host", "v=TLSRPTv1; rua=https://r_x.example.com/", "host")]
        [InlineData("https with a broken literal", "v=TLSRPTv1; rua=https://[::1/", "IPv6")]
        public void UnusableUrisAreInvalid(string vector, string value, string reason)
        {
            var result = TlsRptRecordParser.Parse(value);
            Assert.False(result.Success, vector);
            Assert.Equal(ErrorCodes.TlsRptRuaInvalid, result.Error!.Code);
            Assert.Contains(reason, result.Error.Message);
        }

        [Theory(DisplayName = "RFC 3986 §3.2.2: https hosts may be IPv4 or [IPv6] literals with a port")]
        [InlineData("v=TLSRPTv1; rua=https://[::1]/tlsrpt")]
        [InlineData("v=TLSRPTv1; rua=https://[2001:db8::1]:8443/tlsrpt")]
        [InlineData("v=TLSRPTv1; rua=https://192.0.2.1:443/")]
        [InlineData("v=TLSRPTv1; rua=https://r.example.com:65535")]
        public void AddressLiteralsParse(string value) => Assert.True(TlsRptRecordParser.Parse(value).Success, value);

        [Fact(DisplayName = "RFC 6068 §2: mailto header fields are valid but warned about, and never generated")]
        public void HeaderFieldsWarnAndAreNotGenerated()
        {
            var result = TlsRptRecordParser.Parse("v=TLSRPTv1; rua=mailto:r@example.com?to=other@example.net");
            Assert.True(result.Success);
            Assert.Contains(result.Warnings, w => w.Code == ErrorCodes.TlsRptRuaHeaderFields && w.Message.Contains("?to="));
            var refused = Assert.Throws<MtaStsFormatException>(() => TlsRptRecord.Create("example.com", new[] { "mailto:r@example.com?cc=x@example.net" }));
            Assert.Equal(ErrorCodes.TlsRptRuaInvalid, refused.Finding.Code);
        }

        [Theory(DisplayName = "RFC 8460 §3: a list in one -Rua value is named as a list, with the values to give")]
        [InlineData("a@example.com;b@example.com")]
        [InlineData("a@example.com,https://r.example.com/")]
        public void ListInOneValue(string input) =>
            Assert.Contains("separate value: -Rua 'a@example.com',", Assert.Throws<MtaStsFormatException>(() => TlsRptRecord.Create("example.com", new[] { input })).Message);

        [Fact(DisplayName = "RFC 3986 §3.2.2: an [IPv6] https destination keeps its brackets and port")]
        public void Ipv6DestinationIsKept() =>
            Assert.Equal("https://[2001:db8::1]:8443/r", Assert.Single(TlsRptRecord.Create("example.com", new[] { "https://[2001:db8::1]:8443/r" }).Rua));

        [Fact(DisplayName = "RFC 1035 §3.2.1: a record no DNS message can carry is refused; one over 1232 bytes warns")]
        public void RecordSizeIsBounded()
        {
            var many = Enumerable.Range(0, 3000).Select(i => $"mailto:tls-reports-{i}@reporting.example.com").ToList();
            string huge = "v=TLSRPTv1; rua=" + string.Join(",", many);
            var result = TlsRptRecordParser.Parse(huge);
            Assert.Equal(ErrorCodes.TlsRptRecordTooLarge, result.Error!.Code);
            Assert.True(result.Error.Message.Length < 400);
            Assert.Equal(ErrorCodes.TlsRptRecordTooLarge, Assert.Throws<MtaStsFormatException>(() => TlsRptRecord.Create("example.com", many)).Finding.Code);

            var fifty = many.Take(50).ToList();
            Assert.Contains(TlsRptRecordParser.Parse("v=TLSRPTv1; rua=" + string.Join(",", fifty)).Warnings, w => w.Code == ErrorCodes.TlsRptRecordLarge);
            Assert.Contains(TlsRptRecord.Create("example.com", fifty).Review(), w => w.Code == ErrorCodes.TlsRptRecordLarge);
            Assert.Empty(TlsRptRecord.Create("example.com", many.Take(2)).Review());
        }

        [Fact(DisplayName = "RFC 8460 §3: a record with 2,000 URIs parses, each URI kept once")]
        public void ManyUrisParse()
        {
            string value = "v=TLSRPTv1; rua=" + string.Join(",", Enumerable.Range(0, 2000).Select(i => $"mailto:r{i % 1000}@example.com"));
            var result = TlsRptRecordParser.Parse(value);
            Assert.True(result.Success);
            Assert.Equal(1000, result.Value!.Rua.Count);
        }

        [Fact(DisplayName = "R21 RFC 8460 §3: the record lives at _smtp._tls, not _smtp._tcp")]
        public void RecordName()
        {
            var record = TlsRptRecord.Create("example.com", new[] { "tlsrpt@example.com" });
            Assert.Equal("_smtp._tls.example.com", record.Fqdn);
            Assert.Equal("_smtp._tls", record.Name);
            Assert.Equal(TimeSpan.FromDays(1), record.TimeToLive);
        }

        [Theory(DisplayName = "RFC 8460 §3: destinations are normalised to encoded mailto: and https: URIs")]
        [InlineData("tlsrpt@example.com", "mailto:tlsrpt@example.com")]
        [InlineData("MAILTO:tlsrpt@Example.COM", "mailto:tlsrpt@example.com")]
        [InlineData("tls,rpt!x;y@example.com", "mailto:tls%2Crpt%21x%3By@example.com")]
        [InlineData("reports@bücher.example", "mailto:reports@xn--bcher-kva.example")]
        [InlineData("https://Reports.Example.com/v1/tls;rpt", "https://reports.example.com/v1/tls%3Brpt")]
        [InlineData("https://reports.example.com:8443", "https://reports.example.com:8443")]
        public void Normalisation(string input, string expected)
        {
            var record = TlsRptRecord.Create("example.com", new[] { input });
            Assert.Equal(expected, Assert.Single(record.Rua));
            Assert.Equal("v=TLSRPTv1; rua=" + expected, record.Value);
            Assert.True(TlsRptRecordParser.Parse(record.Value).Success);
        }

        [Theory(DisplayName = "RFC 8460 §3: unusable destinations are refused")]
        [InlineData("http://reports.example.com/")]
        [InlineData("ftp://reports.example.com/")]
        [InlineData("reports")]
        [InlineData("mailto:")]
        [InlineData("a b@example.com")]
        [InlineData("tlsrpt@example.com\r\n")]
        [InlineData("https://reports_x.example.com/")]
        [InlineData("https:reports.example.com")]
        [InlineData("mailto:r@example.com?to=other@example.net")]
        [InlineData("a@b@example.com")]
        [InlineData("https://reports.example.com:0/")]
        [InlineData("https://[::1/")]
        [InlineData("")]
        public void BadDestinations(string input) =>
            Assert.Equal(ErrorCodes.TlsRptRuaInvalid, Assert.Throws<MtaStsFormatException>(() => TlsRptRecord.Create("example.com", new[] { input })).Finding.Code);

        [Fact(DisplayName = "RFC 1035 §3.3.14: a long TLS-RPT record is split into 255-byte strings")]
        public void LongRecordSplits()
        {
            var rua = Enumerable.Range(0, 8).Select(i => $"mailto:tls-reports-{i}@reporting.example.com");
            var record = TlsRptRecord.Create("example.com", rua);
            Assert.True(record.Value.Length > 255);
            Assert.Contains("\" \"", record.ZoneFileText);
            Assert.Equal(8, TlsRptRecord.Parse(record.Value).Rua.Count);
        }

        [Theory(DisplayName = "RFC 8460 §3: discovery keeps the records starting with v=TLSRPTv1 and needs exactly one")]
        [InlineData(new[] { "v=spf1 -all", "v=TLSRPTv1; rua=mailto:r@example.com" }, null)]
        [InlineData(new[] { "v=spf1 -all" }, "TlsRptRecordMissing")]
        [InlineData(new[] { "v=TLSRPTv1; rua=mailto:a@example.com", "v=TLSRPTv1; rua=mailto:b@example.com" }, "TlsRptRecordInvalid")]
        [InlineData(new[] { "v=TLSRPTv1; rua=ftp://example.com" }, "TlsRptRecordInvalid")]
        public void Discover_NeedsExactlyOneRecord(string[] records, string? code)
        {
            var result = TlsRptRecord.Discover(records);
            Assert.Equal(code, result.Error?.Code);
            Assert.Equal(code == null, result.Value != null);
        }
    }
}
