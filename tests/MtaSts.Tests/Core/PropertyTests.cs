using System.Linq;
using System;
using CsCheck;
using MtaSts.Diagnostics;
using MtaSts.Policy;
using MtaSts.Records;
using MtaSts.Syntax;
using Xunit;

namespace MtaSts.Tests.Core
{
    /// <summary>Properties over generated input: the writer and parser agree, and bad input never escapes as a crash.</summary>
    public class PropertyTests
    {
        private static readonly Gen<string> Label =
            Gen.Select(Gen.Char["abcdefghijklmnopqrstuvwxyz0123456789"], Gen.Char["abcdefghijklmnopqrstuvwxyz0123456789-"].Array[0, 10], Gen.Char["abcdefghijklmnopqrstuvwxyz0123456789"])
               .Select((a, mid, z) => a + new string(mid) + z)
               .Where(label => label.Length < 4 || label.Substring(2, 2) != "--"); // "xn--" and friends must be real Punycode

        private static readonly Gen<MxPattern> Pattern =
            Gen.Select(Gen.Bool, Label.Array[1, 3], Gen.String[Gen.Char['a', 'z'], 2, 6])
               .Select((wild, labels, tld) => MxPattern.Parse((wild ? "*." : string.Empty) + string.Join(".", labels) + "." + tld));

        private static readonly Gen<MtaStsPolicy> Policy =
            Gen.Select(Gen.Enum<PolicyMode>(), Pattern.Array[1, 6], Gen.Int[0, MtaStsPolicy.MaxMaxAge])
               .Select((mode, mx, maxAge) => MtaStsPolicy.Create(mode, mx, maxAge));

        [Fact(DisplayName = "RFC 8461 §3.2: parse(write(p)) == p for generated policies")]
        public void RoundTrip() =>
            Policy.Sample(p => Assert.Equal(p, MtaStsPolicy.Parse(p.Text)), iter: 2000);

        [Fact(DisplayName = "RFC 8461 §3.2: the parser reports, never throws, on random text")]
        public void RandomTextNeverThrows() =>
            Gen.String[Gen.Char["version:STSv1mode\r\n \tenforc*x.-_#0123456789é\u0000"], 0, 200].Sample(text =>
            {
                var result = PolicyParser.Parse(text);
                Assert.True(result.Success ^ (result.Error != null));
            }, iter: 20000);

        [Fact(DisplayName = "RFC 8461 §3.2: the parser reports, never throws, on random bytes")]
        public void RandomBytesNeverThrow() =>
            Gen.Byte.Array[0, 300].Sample(bytes =>
            {
                var result = PolicyParser.Parse(bytes);
                Assert.True(result.Success ^ (result.Error != null));
            }, iter: 20000);

        [Fact(DisplayName = "RFC 8461 §3.2: mutated valid policies only ever fail with MtaStsFormatException")]
        public void MutatedPolicies() =>
            Gen.Select(Policy, Gen.Int[0, 1000], Gen.Char).Sample((p, at, c) =>
            {
                var text = p.Text.ToCharArray();
                text[at % text.Length] = c;
                try
                {
                    MtaStsPolicy.Parse(new string(text));
                }
                catch (MtaStsFormatException)
                {
                }
            }, iter: 20000);

        [Fact(DisplayName = "RFC 8461 §3.1: the TXT parser reports, never throws, on random text")]
        public void RandomTxtNeverThrows() =>
            Gen.String[Gen.Char["v=STSv1;id \tabc012-_.=\"é\n"], 0, 80].Sample(text =>
            {
                var result = TxtRecordParser.ParseMtaSts(text);
                Assert.True(result.Success ^ (result.Error != null));
            }, iter: 20000);

        [Fact(DisplayName = "RFC 8461 §3.1: generated records parse back to the same id")]
        public void TxtRoundTrip() =>
            Gen.String[Gen.Char["ABCXYZabcxyz0123456789"], 1, 32].Sample(id =>
                Assert.Equal(id, MtaStsTxtRecord.Parse(MtaStsTxtRecord.Create("example.com", id).Value).Id), iter: 2000);

        [Fact(DisplayName = "RFC 8461 §3.2: a policy the plain reader accepts is the one the full parser reads, without a warning")]
        public void PlainPolicyReaderAgrees()
        {
            var line = Gen.OneOf<string>(
                "version: STSv1", "version:STSv1", "version: STSv1 ", "version: STSv2", "Version: STSv1",
                "mode: enforce", "mode:testing", "mode: none", "mode: Enforce", "mode : testing",
                "max_age: 604800", "max_age:86400", "max_age: 86399", "max_age: 0604800", "max_age: 31557600", "max_age: 31557601", "max_age: 0",
                "mx: mail.example.com", "mx:*.example.net", "mx: MAIL.example.com", "mx: 192.0.2.1", "mx: localhost", "mx: *.com",
                "mx: a-very-long-host-name-that-is-over-sixteen.example.com", "mx: bad-.example", "mx: bücher.example", "mx: a..b",
                "x-note: managed by ops", "x-note: a\tb", "x_y.z: v:1", "Mode: enforce", "note:", "_x: y", "mx:", " mx: a.example",
                "mx: mail.example.com\r");
            var mostlyPlain = Gen.Select(Gen.OneOf<string>("mode: enforce", "mode:testing", "mode: none"), Gen.OneOf<string>("max_age: 604800", "max_age:\t86400 "),
                    Gen.OneOf<string>("mx: mail.example.com", "mx:*.example.net", "mx: a-very-long-host-name-that-is-over-sixteen.example.com").Array[1, 3], line.Array[0, 3], Gen.Int[0, 7])
                .Select((mode, maxAge, mx, extra, turn) =>
                {
                    var lines = new[] { mode, maxAge }.Concat(mx).Concat(extra).ToArray();
                    return lines.Skip(turn % lines.Length).Concat(lines.Take(turn % lines.Length)).ToArray();
                });
            var policy = Gen.Select(Gen.OneOf(line.Array[1, 8], mostlyPlain), Gen.OneOf<string>("\n", "\r\n"), Gen.Bool, Gen.Bool).Select((lines, end, versionFirst, finalEnd) =>
                (versionFirst ? "version: STSv1" + end : string.Empty) + string.Join(end, lines) + (finalEnd ? end : string.Empty));
            int plainCount = 0;
            policy.Sample(text =>
            {
                var bytes = System.Text.Encoding.UTF8.GetBytes(text);
                var plain = PlainPolicyReader.TryRead(bytes);
                var full = PolicyParser.Parse(text);
                if (plain != null)
                {
                    plainCount++;
                    Assert.True(full.Success, text);
                    Assert.Empty(full.Warnings);
                    Assert.Equal(full.Value, plain);
                    Assert.Equal(full.Value!.Mx.Select(m => (m.IsWildcard, m.LooksLikeIpAddress, m.IsSingleLabel)), plain.Mx.Select(m => (m.IsWildcard, m.LooksLikeIpAddress, m.IsSingleLabel)));
                }
                else
                {
                    // Whatever the plain reader leaves is either refused or warned about, or has something it does not read.
                    Assert.True(!full.Success || full.Warnings.Count > 0 || full.Value!.MaxAge < MtaStsPolicy.RecommendedMinMaxAge || text.Contains("MAIL"), text);
                }
            }, iter: 30000);
            Assert.True(plainCount > 1000, $"only {plainCount} plain policies generated");

            Gen.Select(Policy, Gen.Int[0, 1000], Gen.Char["\r\n\t :.-*_A0\u00E9\u0000;"]).Sample((p, at, c) =>
            {
                var text = p.Text.ToCharArray();
                text[at % text.Length] = c;
                var plain = PlainPolicyReader.TryRead(System.Text.Encoding.UTF8.GetBytes(text));
                if (plain != null)
                {
                    var full = PolicyParser.Parse(new string(text));
                    Assert.True(full.Success && full.Warnings.Count == 0 && full.Value!.Equals(plain), new string(text));
                }
            }, iter: 30000);
        }

        [Fact(DisplayName = "RFC 8461 §3.1: a record read straight through gives what the field-by-field reader gives")]
        public void TxtShortcutAgrees() =>
            Gen.Select(Gen.OneOf<string>("v=STSv1", "v=STSv1 ", "V=STSv1", "v=STSv1;"), Gen.OneOf<string>(";", "; ", ";\t ", " ;", ""),
                    Gen.OneOf<string>("id=", "ID=", "id =", "x=1;id="),
                    Gen.OneOf(Gen.String[Gen.Char["aZ09-._=é "], 0, 36], Gen.String[Gen.Char["abcXYZ0189"], 0, 34]),
                    Gen.OneOf<string>("", ";", "; ", " ", " ;", ";;", "; x=1", ";\t"))
                .Select((version, delimiter, name, id, tail) => version + delimiter + name + id + tail)
                .Sample(record =>
                {
                    string? shortcut = TxtRecordParser.CommonShapeId(record);
                    var full = TxtRecordParser.ReadFieldByField(record, null);
                    if (shortcut != null)
                    {
                        Assert.True(full.Success, record);
                        Assert.Equal(full.Value!.Id, shortcut);
                        Assert.Empty(full.Value.Extensions);
                        Assert.Empty(full.Warnings);
                    }
                }, iter: 50000);

        [Fact(DisplayName = "RFC 8461 §3.1: the end of an id is found sixteen characters at a time exactly where one at a time finds it")]
        public void IdEndAgrees() =>
            Gen.Select(Gen.OneOf(Gen.String[Gen.Char["aZz09;= \u00E9\u0130"], 1, 70], Gen.String[Gen.Char["abcdefXYZ0123456789;"], 1, 70]), Gen.Int[0, 69]).Sample((text, start) =>
            {
                start %= text.Length;
                int end = start;
                while (end < text.Length && char.IsAsciiLetterOrDigit(text[end]))
                {
                    end++;
                }

                Assert.Equal(end, TxtRecordParser.EndOfLettersAndDigits(text, start));
            }, iter: 50000);

        [Fact(DisplayName = "RFC 8461 §3.2: MX input normalisation never throws anything but MtaStsFormatException")]
        public void MxInputNeverCrashes() =>
            Gen.String[Gen.Char["aZ09.-*_ ,;:[]é\n\u00ADxn-"], 0, 40].Sample(text =>
            {
                string? reason = MxPattern.TryParse(text, out var pattern);
                Assert.True((reason == null) == (pattern.Value != null));
                if (pattern.Value != null)
                {
                    Assert.True(pattern.Matches(pattern.IsWildcard ? "x" + pattern.Value.Substring(1) : pattern.Value));
                }
            }, iter: 20000);

        [Fact(DisplayName = "RFC 5321 §4.1.2: the short-name check without a branch per character agrees with the check one character at a time")]
        public void DomainChecksAgree() =>
            Gen.OneOf(
                Gen.String[Gen.Char["aZ09.-._*é\t"], 0, 70],
                Gen.Select(Label.Array[1, 5], Gen.Bool).Select((labels, upper) => upper ? string.Join(".", labels).ToUpperInvariant() : string.Join(".", labels)))
            .Sample(name =>
            {
                var problem = DomainSyntax.Check(name.AsSpan(), out int index, out DomainShape shape);
                var careful = DomainSyntax.CheckEachCharacter(name.AsSpan(), out int carefulIndex, out DomainShape carefulShape);
                Assert.Equal(careful, problem);
                Assert.Equal(carefulIndex, index);
                if (problem == DomainProblem.None)
                {
                    Assert.Equal(carefulShape, shape);
                }

                if (name.Length >= 8 && name.Length <= DomainSyntax.MaxLabelLength)
                {
                    // The scalar classification (Windows PowerShell 5.1's build) and the vector one agree bit for bit.
                    DomainSyntax.ClassifyOneAtATime(name.AsSpan(), out ulong dots, out ulong hyphens, out ulong capitals, out ulong invalid);
                    DomainSyntax.ClassifyEightAtATime(name.AsSpan(), out ulong vectorDots, out ulong vectorHyphens, out ulong vectorCapitals, out ulong vectorInvalid);
                    Assert.Equal((dots, hyphens, capitals, invalid), (vectorDots, vectorHyphens, vectorCapitals, vectorInvalid));
                }
            }, iter: 50000);
    }
}
