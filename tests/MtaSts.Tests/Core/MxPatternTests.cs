using MtaSts.Diagnostics;
using MtaSts.Policy;
using Xunit;

namespace MtaSts.Tests.Core
{
    /// <summary>MX pattern vectors (RFC 8461 §4.1 matching) and the rules for MX patterns typed by a person.</summary>
    public class MxPatternTests
    {
        [Theory(DisplayName = "RFC 8461 §4.1: MX host matching")]
        [InlineData("M01 trailing dot stripped", "mail.example.com", "mail.example.com.", true)]
        [InlineData("M02 case-insensitive", "mail.example.com", "MAIL.EXAMPLE.COM", true)]
        [InlineData("M03 wildcard covers one label", "*.example.com", "mail.example.com", true)]
        [InlineData("M04 wildcard needs a label", "*.example.com", "example.com", false)]
        [InlineData("M05 wildcard covers only one label", "*.example.com", "a.b.example.com", false)]
        [InlineData("M06 suffix attack", "*.example.com", "mail.example.com.evil.net", false)]
        [InlineData("M07 no label boundary", "*.example.com", "mailexample.com", false)]
        [InlineData("M08 different TLD", "mail.example.com", "mail.example.co", false)]
        [InlineData("M09 Microsoft 365", "*.mail.protection.outlook.com", "contoso-com.mail.protection.outlook.com", true)]
        [InlineData("M10 U-label host against A-label pattern", "*.xn--bcher-kva.example", "mx.bücher.example", true)]
        [InlineData("M11 implicit MX is the domain itself", "example.com", "example.com", true)]
        [InlineData("empty host", "example.com", "", false)]
        [InlineData("leading dot host", "*.example.com", ".example.com", false)]
        public void Matching(string vector, string pattern, string host, bool expected)
        {
            Assert.True(expected == MxPattern.Parse(pattern).Matches(host), vector);
            var policy = MtaStsPolicy.Create(PolicyMode.Enforce, new[] { MxPattern.Parse(pattern) });
            Assert.Equal(expected, policy.Matches(host));
        }

        [Theory(DisplayName = "RFC 8461 §3.2: patterns typed by a person are normalised to lowercase A-labels")]
        [InlineData("Mail.Example.COM", "mail.example.com")]
        [InlineData("mail.example.com.", "mail.example.com")]
        [InlineData("*.Mail.Example.com", "*.mail.example.com")]
        [InlineData("mail.bücher.example", "mail.xn--bcher-kva.example")]
        [InlineData("*.bücher.example", "*.xn--bcher-kva.example")]
        [InlineData("mx1", "mx1")]
        public void Normalisation(string input, string expected) => Assert.Equal(expected, MxPattern.Parse(input).Value);

        [Theory(DisplayName = "RFC 8461 §3.2, RFC 5321 §4.1.2: bad MX patterns are refused with the reason")]
        [InlineData("mail example.com", "white space")]
        [InlineData(" mail.example.com", "white space")]
        [InlineData("a.example.com,b.example.com", "list")]
        [InlineData("a.example.com;b.example.com", "list")]
        [InlineData("192.0.2.1", "IP address")]
        [InlineData("[192.0.2.1]", "IP address")]
        [InlineData("2001:db8::1", "IP address")]
        [InlineData("*.*.example.com", "'*'")]
        [InlineData("*", "wildcard")]
        [InlineData("*example.com", "'*'")]
        [InlineData(".example.com", "starts with a dot")]
        [InlineData("mail_1.example.com", "underscore")]
        [InlineData("-mail.example.com", "'-'")]
        [InlineData("mail-.example.com", "'-'")]
        [InlineData("a..example.com", "empty label")]
        [InlineData("mail.example.com\r\nmode: none", "line break")]
        [InlineData("mail.example.com\n", "line break")]
        [InlineData("mail.example.com\tb.example.com", "control character U+0009")]
        [InlineData("", "empty")]
        [InlineData("xn--zz.example.com", "Punycode")]
        [InlineData("mail.example.com:25", "port (':25'); give the host name alone, 'mail.example.com'")]
        [InlineData("https://mail.example.com/", "URL; give the host name alone, such as 'mail.example.com'")]
        [InlineData("a.example.com;b.example.com ", "separate value: 'a.example.com','b.example.com'")]
        public void BadPatterns(string input, string reason)
        {
            var ex = Assert.Throws<MtaStsFormatException>(() => MxPattern.Parse(input));
            Assert.Equal(ErrorCodes.MxPatternInvalid, ex.Finding.Code);
            Assert.Contains(reason, ex.Message);
            Assert.Contains("RFC 8461 §3.2", ex.Finding.RfcSection);
        }

        [Fact(DisplayName = "RFC 1035 §2.3.4: a label over 63 characters is refused")]
        public void LongLabel() =>
            Assert.Contains("longer than 63", Assert.Throws<MtaStsFormatException>(() => MxPattern.Parse(new string('a', 64) + ".example.com")).Message);

        [Fact(DisplayName = "RFC 1035 §2.3.4: a name over 253 characters is refused")]
        public void LongName()
        {
            string name = string.Join(".", new string('a', 60), new string('b', 60), new string('c', 60), new string('d', 60), "example.com");
            Assert.Contains("at most 253", Assert.Throws<MtaStsFormatException>(() => MxPattern.Parse(name)).Message);
        }

        [Fact(DisplayName = "RFC 8461 §3.2: 63-character labels and 253-character names are accepted")]
        public void LimitsAccepted()
        {
            string name = string.Join(".", new string('a', 63), new string('b', 63), new string('c', 63), new string('d', 61));
            Assert.Equal(253, name.Length);
            Assert.Equal(name, MxPattern.Parse(name).Value);
        }
    }
}
