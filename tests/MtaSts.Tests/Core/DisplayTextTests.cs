using System.Linq;
using MtaSts.Diagnostics;
using MtaSts.Policy;
using MtaSts.Records;
using MtaSts.Syntax;
using Xunit;

namespace MtaSts.Tests.Core
{
    /// <summary>Text from outside never reaches a message with a character a terminal acts on.</summary>
    public class DisplayTextTests
    {
        [Theory]
        [InlineData("\u001B[2J", "\\u001B[2J")]
        [InlineData("a\u009B2Jb", "a\\u009B2Jb")]
        [InlineData("a\u007Fb", "a\\u007Fb")]
        [InlineData("line\u2028next\u2029", "line\\u2028next\\u2029")]
        [InlineData("\u202Egnp.exe", "\\u202Egnp.exe")]
        [InlineData("\u2066x\u2069\u200E\u200F\u061C", "\\u2066x\\u2069\\u200E\\u200F\\u061C")]
        [InlineData("mx.bücher.example", "mx.bücher.example")]
        public void ControlsSeparatorsAndBidiAreEscaped(string value, string shown)
        {
            Assert.Equal(shown, DisplayText.Escape(value));
        }

        [Fact]
        public void LongValuesAreCutWithTheCountLeftOut()
        {
            Assert.Equal("aaa… (+7)", DisplayText.Escape(new string('a', 10), 3));
        }

        [Fact]
        public void EveryMessageArgumentIsEscapedWhateverItsPath()
        {
            var error = Assert.Throws<MtaStsFormatException>(() => MxPattern.Parse("mx.example\u001B[2J\u009B32m"));
            Assert.DoesNotContain(error.Message, c => c == '\u001B' || c == '\u009B');
            var parsed = PolicyParser.Parse("version: STSv1\r\nmode: enforce\r\nmx: mx.example\u001B[2J\r\nmax_age: 86400\r\n");
            Assert.DoesNotContain(parsed.Error!.Message, c => DisplayText.NeedsEscape(c));
            var record = TxtRecordParser.ParseMtaSts("v=STSv1; id=" + new string('a', 100_000));
            Assert.True(record.Error!.Message.Length < 2000, "a huge id is not echoed in full");
        }
    }
}
