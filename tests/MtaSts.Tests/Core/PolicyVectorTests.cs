using System.Linq;
using MtaSts.Diagnostics;
using MtaSts.Policy;
using Xunit;

namespace MtaSts.Tests.Core
{
    /// <summary>Policy files against the RFC 8461 §3.2 ABNF.</summary>
    public class PolicyVectorTests
    {
        private const string Base = "version: STSv1\r\nmode: enforce\r\nmx: mail.example.com\r\nmax_age: 604800\r\n";
        private const string BaseLf = "version: STSv1\nmode: enforce\nmx: mail.example.com\nmax_age: 604800\n";

        public static TheoryData<string, string> ValidPolicies => new TheoryData<string, string>
        {
            { "P01 canonical", Base },
            { "P02 LF endings (erratum 6253)", BaseLf },
            { "P03 no final terminator", Base.TrimEnd('\r', '\n') },
            { "P04 mixed CRLF and LF", "version: STSv1\r\nmode: enforce\nmx: mail.example.com\r\nmax_age: 604800\n" },
            { "P09 no space after colon", "version:STSv1\nmode:enforce\nmx:a.example.com\nmax_age:86400" },
            { "P10 HTAB after colon", "version: STSv1\nmode:\t\tenforce\nmx: a.example.com\nmax_age: 86400\n" },
            { "P11 trailing spaces", "version: STSv1\nmode: enforce  \nmx: a.example.com\nmax_age: 86400\n" },
            { "P16 none without mx", "version: STSv1\nmode: none\nmax_age: 86400\n" },
            { "P18 max_age maximum", BaseLf.Replace("604800", "31557600") },
            { "P22 max_age leading zeros", BaseLf.Replace("604800", "0086400") },
            { "P23 max_age zero", BaseLf.Replace("604800", "0") },
            { "P25 wildcard", BaseLf.Replace("mail.example.com", "*.example.com") },
            { "P33 mixed case mx", BaseLf.Replace("mail.example.com", "MAIL.Example.COM") },
            { "P35 A-label", BaseLf.Replace("mail.example.com", "mail.xn--bcher-kva.example") },
            { "P37 digit-only labels", BaseLf.Replace("mail.example.com", "192.0.2.1") },
            { "P38 broad wildcard", BaseLf.Replace("mail.example.com", "*.com") },
            { "P39 duplicate mode", "version: STSv1\nmode: testing\nmode: enforce\nmx: a.example.com\nmax_age: 86400\n" },
            { "P40 duplicate version", "version: STSv1\nversion: STSv2\nmode: enforce\nmx: a.example.com\nmax_age: 86400\n" },
            { "P41 extension with inner space", BaseLf + "foo: bar baz\n" },
            { "P42 UTF-8 extension value", BaseLf + "comment: héllo wörld\n" },
            { "P50 any order", "max_age: 86400\nmx: a.example.com\nmode: enforce\nversion: STSv1\n" },
        };

        public static TheoryData<string, string, int> InvalidPolicies => new TheoryData<string, string, int>
        {
            { "P05 trailing blank line", BaseLf + "\n", 5 },
            { "P06 blank line", "version: STSv1\n\nmode: enforce\nmx: a.example.com\nmax_age: 86400\n", 2 },
            { "P07 leading whitespace", " version: STSv1\nmode: enforce\nmx: a.example.com\nmax_age: 86400\n", 1 },
            { "P08 space before colon", "version: STSv1\nmode : enforce\nmx: a.example.com\nmax_age: 86400\n", 2 },
            { "P12 wrong key case", "version: STSv1\nMode: enforce\nmx: a.example.com\nmax_age: 86400\n", 4 },
            { "P13 wrong mode case", BaseLf.Replace("mode: enforce", "mode: Enforce"), 2 },
            { "P14 wrong version case", BaseLf.Replace("STSv1", "stsv1"), 1 },
            { "P15 draft mode report", BaseLf.Replace("mode: enforce", "mode: report"), 2 },
            { "P17 testing without mx", "version: STSv1\nmode: testing\nmax_age: 86400\n", 3 },
            { "P19 max_age over maximum", BaseLf.Replace("604800", "31557601"), 4 },
            { "P20 negative max_age", BaseLf.Replace("604800", "-1"), 4 },
            { "P21 eleven digits", BaseLf.Replace("604800", "00000086400"), 4 },
            { "P24 max_age with unit", BaseLf.Replace("604800", "1w"), 4 },
            { "P26 star without dot", BaseLf.Replace("mail.example.com", "*example.com"), 3 },
            { "P27 leading dot", BaseLf.Replace("mail.example.com", ".example.com"), 3 },
            { "P28 double wildcard", BaseLf.Replace("mail.example.com", "*.*.example.com"), 3 },
            { "P29 bare star", BaseLf.Replace("mail.example.com", "*"), 3 },
            { "P30 trailing dot", BaseLf.Replace("mail.example.com", "mail.example.com."), 3 },
            { "P31 underscore", BaseLf.Replace("mail.example.com", "mail_1.example.com"), 3 },
            { "P32 leading hyphen", BaseLf.Replace("mail.example.com", "-mail.example.com"), 3 },
            { "P34 U-label", BaseLf.Replace("mail.example.com", "mail.bücher.example"), 3 },
            { "P36 comma list", BaseLf.Replace("mail.example.com", "a.example.com, b.example.com"), 3 },
            { "P43 empty extension value", BaseLf + "foo:\n", 5 },
            { "P44 tab inside extension value", BaseLf + "foo: a\tb\n", 5 },
            { "P45 33-character extension name", BaseLf + new string('a', 33) + ": x\n", 5 },
            { "P46 extension name starting with underscore", BaseLf + "_x: y\n", 5 },
            { "P47 comment line", "# policy\n" + BaseLf, 1 },
            { "P49 CR-only endings", Base.Replace("\r\n", "\r"), 1 },
            { "P51 HTML page", "<!DOCTYPE html><html><body>Not found</body></html>", 1 },
            { "P52 empty body", string.Empty, 1 },
            { "P53 version missing", "mode: enforce\nmx: a.example.com\nmax_age: 86400\n", 3 },
            { "P54 empty mx", BaseLf.Replace("mail.example.com", string.Empty), 3 },
            { "P54 mx with nothing after the colon", BaseLf.Replace("mx: mail.example.com", "mx:"), 3 },
            { "P55 whitespace-only trailing line", BaseLf + "   ", 5 },
        };

        [Theory(DisplayName = "RFC 8461 §3.2: valid policy vectors parse")]
        [MemberData(nameof(ValidPolicies))]
        public void ValidVectorsParse(string vector, string text)
        {
            var result = PolicyParser.Parse(text);
            Assert.True(result.Success, vector + ": " + result.Error);
            Assert.NotNull(result.Value);

            // The byte entry (where plain policies take a shorter road) gives the same policy and warnings.
            var fromBytes = PolicyParser.Parse(System.Text.Encoding.UTF8.GetBytes(text));
            Assert.Equal(result.Value, fromBytes.Value);
            Assert.Equal(result.Warnings.Select(w => w.Code), fromBytes.Warnings.Select(w => w.Code));
        }

        [Theory(DisplayName = "RFC 8461 §3.2: invalid policy vectors fail with a line and column")]
        [MemberData(nameof(InvalidPolicies))]
        public void InvalidVectorsFail(string vector, string text, int line)
        {
            var result = PolicyParser.Parse(text);
            Assert.False(result.Success, vector);
            Assert.Null(result.Value);
            Assert.Equal(line, result.Error!.Line);
            Assert.True(result.Error.Column >= 1, vector);
            Assert.StartsWith("RFC 8461 §3", result.Error.RfcSection);
            Assert.Throws<MtaStsFormatException>(() => MtaStsPolicy.Parse(text));

            var bytes = System.Text.Encoding.UTF8.GetBytes(text);
            var fromBytes = PolicyParser.Parse(bytes);
            Assert.False(fromBytes.Success, vector);
            if (System.Text.Encoding.UTF8.GetString(bytes) == text && !text.StartsWith('\uFEFF'))
            {
                Assert.Equal(result.Error.Line, fromBytes.Error!.Line);
            }
        }

        [Fact(DisplayName = "P48 RFC 8461 §3.2: a UTF-8 BOM in the bytes is an encoding error")]
        public void BomBytesFail()
        {
            var bytes = new byte[] { 0xEF, 0xBB, 0xBF }.Concat(System.Text.Encoding.ASCII.GetBytes(Base)).ToArray();
            var result = PolicyParser.Parse(bytes);
            Assert.Equal(ErrorCodes.PolicyEncoding, result.Error!.Code);
            Assert.Equal(1, result.Error.Line);
        }

        [Fact(DisplayName = "P48 RFC 8461 §3.2: a BOM in text is a syntax error at line 1, column 1")]
        public void BomTextFails()
        {
            var result = PolicyParser.Parse("\uFEFF" + Base);
            Assert.Contains("byte order mark", result.Error!.Message);
            Assert.Equal((1, 1), (result.Error.Line, result.Error.Column));
        }

        [Fact(DisplayName = "RFC 8461 §3.2: UTF-16 bytes are refused with the Windows PowerShell hint")]
        public void Utf16Fails()
        {
            var bytes = new byte[] { 0xFF, 0xFE }.Concat(System.Text.Encoding.Unicode.GetBytes(Base)).ToArray();
            Assert.Contains("UTF-16", PolicyParser.Parse(bytes).Error!.Message);
        }

        [Fact(DisplayName = "RFC 8461 §3.3: input over 64 KiB is refused")]
        public void OversizedFails()
        {
            var bytes = new byte[10 * 1024 * 1024];
            Assert.Equal(ErrorCodes.PolicyTooLarge, PolicyParser.Parse(bytes).Error!.Code);
            Assert.Equal(ErrorCodes.PolicyTooLarge, PolicyParser.Parse(new string('a', 70000)).Error!.Code);
        }

        [Fact(DisplayName = "P01 RFC 8461 §3.2: the canonical policy reads back field by field")]
        public void CanonicalFields()
        {
            var policy = PolicyParser.Parse(Base).Value!;
            Assert.Equal(PolicyMode.Enforce, policy.Mode);
            Assert.Equal(604800, policy.MaxAge);
            Assert.Equal(new[] { "mail.example.com" }, policy.Mx.Select(m => m.Value));
            Assert.Empty(PolicyParser.Parse(Base).Warnings);
        }

        [Theory(DisplayName = "RFC 8461 §3.2: valid but risky policies warn")]
        [InlineData("P16", "version: STSv1\nmode: none\nmax_age: 86400\n", ErrorCodes.NoneWithoutMx)]
        [InlineData("P22", "version: STSv1\nmode: enforce\nmx: a.example.com\nmax_age: 0086400\n", ErrorCodes.MaxAgeLeadingZeros)]
        [InlineData("P23", "version: STSv1\nmode: enforce\nmx: a.example.com\nmax_age: 0\n", ErrorCodes.MaxAgeShort)]
        [InlineData("P37", "version: STSv1\nmode: enforce\nmx: 192.0.2.1\nmax_age: 86400\n", ErrorCodes.MxLooksLikeIp)]
        [InlineData("P38", "version: STSv1\nmode: enforce\nmx: *.com\nmax_age: 86400\n", ErrorCodes.MxBroadWildcard)]
        [InlineData("P39", "version: STSv1\nmode: testing\nmode: enforce\nmx: a.example.com\nmax_age: 86400\n", ErrorCodes.DuplicateField)]
        [InlineData("P40", "version: STSv1\nversion: STSv2\nmode: enforce\nmx: a.example.com\nmax_age: 86400\n", ErrorCodes.DuplicateField)]
        [InlineData("P50", "max_age: 86400\nmx: a.example.com\nmode: enforce\nversion: STSv1\n", ErrorCodes.VersionNotFirst)]
        public void RiskyPoliciesWarn(string vector, string text, string code)
        {
            var result = PolicyParser.Parse(text);
            Assert.True(result.Success, vector);
            Assert.Contains(result.Warnings, w => w.Code == code && w.Severity == Severity.Warning);
        }

        [Fact(DisplayName = "P39 RFC 8461 §3.2: the first mode wins")]
        public void FirstModeWins() =>
            Assert.Equal(PolicyMode.Testing, PolicyParser.Parse("version: STSv1\nmode: testing\nmode: enforce\nmx: a.example.com\nmax_age: 86400\n").Value!.Mode);

        [Fact(DisplayName = "P40 RFC 8461 §3.2: a later invalid duplicate is ignored")]
        public void LaterInvalidDuplicateIgnored() =>
            Assert.True(PolicyParser.Parse("version: STSv1\nversion: STSv2\nmode: enforce\nmx: a.example.com\nmax_age: 86400\n").Success);

        [Fact(DisplayName = "P12 RFC 8461 §3.2: a wrong-case key names the field to write")]
        public void WrongCaseKeyHint()
        {
            var result = PolicyParser.Parse("version: STSv1\nMode: enforce\nmx: a.example.com\nmax_age: 86400\n");
            Assert.Contains("'Mode'", result.Error!.Message);
            Assert.Contains("case-sensitive", result.Error.Message);
        }

        [Fact(DisplayName = "P41 RFC 8461 §3.2: unknown fields are kept as extensions")]
        public void ExtensionsKept()
        {
            var policy = PolicyParser.Parse(BaseLf + "foo: bar baz\n").Value!;
            Assert.Equal(new ExtensionField("foo", "bar baz"), Assert.Single(policy.Extensions));
        }

        [Fact(DisplayName = "P33 RFC 8461 §4.1: mx values are held in lowercase")]
        public void MxLowercased() =>
            Assert.Equal("mail.example.com", PolicyParser.Parse(BaseLf.Replace("mail.example.com", "MAIL.Example.COM")).Value!.Mx[0].Value);

        [Fact(DisplayName = "RFC 8461 §3.2: a lone CR names the fix")]
        public void LoneCrExplained()
        {
            var result = PolicyParser.Parse("version: STSv1\rmode: enforce\n");
            Assert.Equal(1, result.Error!.Line);
            Assert.Equal(15, result.Error.Column);
        }

        [Fact(DisplayName = "RFC 8461 §3.2: the error column points at the bad character")]
        public void ColumnPointsAtProblem()
        {
            var result = PolicyParser.Parse("version: STSv1\nmode: enforce\nmx: mail_1.example.com\nmax_age: 86400\n");
            Assert.Equal(3, result.Error!.Line);
            Assert.Equal(9, result.Error.Column);
            Assert.Contains("underscore", result.Error.Message);
        }
    }
}
