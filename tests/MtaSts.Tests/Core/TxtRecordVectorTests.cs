using System.Linq;
using MtaSts.Diagnostics;
using MtaSts.Records;
using Xunit;

namespace MtaSts.Tests.Core
{
    /// <summary>_mta-sts TXT records against the RFC 8461 §3.1 ABNF.</summary>
    public class TxtRecordVectorTests
    {
        [Theory(DisplayName = "RFC 8461 §3.1: valid TXT vectors parse")]
        [InlineData("T01 RFC example with trailing delimiter", "v=STSv1; id=20160831085700Z;", "20160831085700Z")]
        [InlineData("T02 no space after delimiter", "v=STSv1;id=1", "1")]
        [InlineData("T03 HTAB after delimiter", "v=STSv1;\tid=1", "1")]
        [InlineData("T04 alphanumeric timestamp", "v=STSv1; id=20240101T000000Z", "20240101T000000Z")]
        [InlineData("T06 32-character id", "v=STSv1; id=aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa")]
        [InlineData("T14 space before delimiter (warns)", "v=STSv1 ; id=1", "1")]
        [InlineData("T15 unknown extension", "v=STSv1; id=1; foo=bar", "1")]
        [InlineData("T16 legal extension name", "v=STSv1; id=1; ext_name.x-y=ok", "1")]
        [InlineData("T17 extension name starting with a digit", "v=STSv1; id=1; 1x=y", "1")]
        [InlineData("T21 trailing delimiter with WSP", "v=STSv1; id=1; ", "1")]
        [InlineData("T25 duplicate id, first wins", "v=STSv1; id=1; id=2", "1")]
        [InlineData("T25 a later invalid duplicate id is ignored", "v=STSv1; id=1; id=2024-01-01", "1")]
        public void ValidVectorsParse(string vector, string value, string id)
        {
            var result = TxtRecordParser.ParseMtaSts(value);
            Assert.True(result.Success, vector + ": " + result.Error);
            Assert.Equal(id, result.Value!.Id);
            Assert.Equal(value, result.Value.Value);
        }

        [Theory(DisplayName = "RFC 8461 §3.1: invalid TXT vectors fail with a column")]
        [InlineData("T05 dash in id", "v=STSv1; id=2024-01-01")]
        [InlineData("T07 33-character id", "v=STSv1; id=aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa")]
        [InlineData("T08 version alone", "v=STSv1")]
        [InlineData("T09 empty id", "v=STSv1; id=")]
        [InlineData("T10 V uppercase", "V=STSv1; id=1")]
        [InlineData("T11 version lowercase", "v=stsv1; id=1")]
        [InlineData("T12 ID uppercase is an extension", "v=STSv1; ID=1")]
        [InlineData("T13 version not first", "id=1; v=STSv1")]
        [InlineData("T18 space in extension value", "v=STSv1; id=1; foo=bar baz")]
        [InlineData("T19 equals in extension value", "v=STSv1; id=1; e=a=b")]
        [InlineData("T20 empty field", "v=STSv1; id=1;;")]
        [InlineData("T22 trailing WSP without delimiter", "v=STSv1; id=1 ")]
        [InlineData("T24 literal quotes in the data", "\"v=STSv1; id=1\"")]
        [InlineData("T26 unknown version", "v=STSv2; id=1")]
        [InlineData("version alone with delimiter", "v=STSv1;")]
        [InlineData("line feed smuggled in", "v=STSv1; id=1\n")]
        [InlineData("non-ASCII", "v=STSv1; id=1; x=é")]
        public void InvalidVectorsFail(string vector, string value)
        {
            var result = TxtRecordParser.ParseMtaSts(value);
            Assert.False(result.Success, vector);
            Assert.Equal(1, result.Error!.Line);
            Assert.InRange(result.Error.Column, 1, value.Length + 1);
            Assert.Equal("RFC 8461 §3.1", result.Error.RfcSection);
            Assert.Throws<MtaStsFormatException>(() => MtaStsTxtRecord.Parse(value));
        }

        [Fact(DisplayName = "T12 RFC 8461 §3.1: 'ID=' gets a case hint")]
        public void UppercaseIdHint() =>
            Assert.Contains("case-sensitive", TxtRecordParser.ParseMtaSts("v=STSv1; ID=1").Error!.Message);

        [Fact(DisplayName = "T05 RFC 8461 §3.1: a bad id value is reported as an invalid id")]
        public void BadIdCode() =>
            Assert.Equal(ErrorCodes.IdInvalid, TxtRecordParser.ParseMtaSts("v=STSv1; id=2024-01-01").Error!.Code);

        [Fact(DisplayName = "T14 RFC 8461 §3.1 erratum 6285: space before ';' warns")]
        public void SpaceBeforeDelimiterWarns() =>
            Assert.Contains(TxtRecordParser.ParseMtaSts("v=STSv1 ; id=1").Warnings, w => w.Code == ErrorCodes.TxtSpaceBeforeDelimiter);

        [Fact(DisplayName = "T25 RFC 8461 §3.2: a duplicate id warns")]
        public void DuplicateIdWarns() =>
            Assert.Contains(TxtRecordParser.ParseMtaSts("v=STSv1; id=1; id=2").Warnings, w => w.Code == ErrorCodes.DuplicateField);

        [Fact(DisplayName = "T23 RFC 8461 §3.1: character-strings join with no separator")]
        public void StringsJoinWithoutSpace()
        {
            string joined = DnsTxtText.Join(new[] { "v=STSv1; id=", "123" });
            Assert.Equal("123", MtaStsTxtRecord.Parse(joined).Id);
        }

        [Fact(DisplayName = "T15 RFC 8461 §3.1: extensions are kept in order")]
        public void ExtensionsKept() =>
            Assert.Equal(new[] { new ExtensionField("foo", "bar"), new ExtensionField("a", "b") },
                MtaStsTxtRecord.Parse("v=STSv1; id=1; foo=bar; a=b").Extensions.ToArray());

        [Fact(DisplayName = "T27 RFC 8461 §3.1: two STSv1 records mean no policy")]
        public void TwoRecordsMeanNoPolicy()
        {
            var result = MtaStsTxtRecord.Discover(new[] { "v=STSv1; id=1", "v=STSv1; id=2" });
            Assert.False(result.Success);
            Assert.Equal(ErrorCodes.TxtRecordCount, result.Error!.Code);
        }

        [Fact(DisplayName = "T28 RFC 8461 §3.1: an unrelated TXT record is discarded, with an interop warning")]
        public void UnrelatedRecordDiscarded()
        {
            var result = MtaStsTxtRecord.Discover(new[] { "v=STSv1; id=1", "google-site-verification=xyz" });
            Assert.Equal("1", result.Value!.Id);
            Assert.Contains(result.Warnings, w => w.Code == ErrorCodes.TxtUnrelatedRecord);
        }

        [Fact(DisplayName = "T26 RFC 8461 §3.1: a record of another version is discarded, leaving none")]
        public void OtherVersionDiscarded() =>
            Assert.Equal(ErrorCodes.TxtRecordCount, MtaStsTxtRecord.Discover(new[] { "v=STSv2; id=1" }).Error!.Code);

        [Theory(DisplayName = "RFC 1035 §5.1: TXT data in dig's quoted presentation form is read and its strings joined")]
        [InlineData("\"v=STSv1; id=20260101T000000Z\"", "v=STSv1; id=20260101T000000Z", 1)]
        [InlineData("  \"v=TLSRPTv1; rua=mailto:a@example.com,\" \"mailto:b@example.com\"\n", "v=TLSRPTv1; rua=mailto:a@example.com,mailto:b@example.com", 2)]
        [InlineData("\"a\\\"b\\\\c\\059d\"", "a\"b\\c;d", 1)]
        [InlineData("\"\"", "", 1)]
        public void PresentationFormIsRead(string text, string expected, int strings)
        {
            Assert.True(DnsTxtText.TryReadPresentation(text, out string value, out int count));
            Assert.Equal(expected, value);
            Assert.Equal(strings, count);
        }

        [Theory(DisplayName = "RFC 1035 §5.1: text not wholly in the quoted form is left alone")]
        [InlineData("v=STSv1; id=1")]
        [InlineData("\"v=STSv1; id=1")]
        [InlineData("\"v=STSv1;\" id=1")]
        [InlineData("\"a\\999\"")]
        [InlineData("")]
        public void OtherTextIsNotPresentationForm(string text) => Assert.False(DnsTxtText.TryReadPresentation(text, out _, out _));
    }
}
