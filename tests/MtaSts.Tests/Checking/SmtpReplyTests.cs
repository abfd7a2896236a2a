using System;
using System.IO;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using MtaSts.Checking;
using Xunit;

namespace MtaSts.Tests.Checking
{
    /// <summary>SMTP replies from a hostile server are bounded (RFC 5321 §4.2.1, §4.5.3.1.5).</summary>
    public class SmtpReplyTests
    {
        [Fact]
        public async Task AMultiLineReplyIsRead_Rfc5321Section4_2_1()
        {
            var stream = new MemoryStream(Encoding.ASCII.GetBytes("250-mx.example.com\r\n250-PIPELINING\r\n250 STARTTLS\r\nleft for TLS"));
            var (code, lines) = await SmtpProbe.ReadReplyAsync(stream, CancellationToken.None);
            Assert.Equal(250, code);
            Assert.Equal(new[] { "mx.example.com", "PIPELINING", "STARTTLS" }, lines);
            Assert.Equal("250-mx.example.com\r\n250-PIPELINING\r\n250 STARTTLS\r\n".Length, stream.Position);
        }

        [Fact]
        public async Task AnEndlessContinuationStopsAfterAHundredLines()
        {
            var endless = new EndlessStream("220-" + new string('x', 400) + "\r\n");
            var failure = await Assert.ThrowsAsync<InvalidDataException>(() => SmtpProbe.ReadReplyAsync(endless, CancellationToken.None));
            Assert.Contains("100", failure.Message, StringComparison.Ordinal);
            Assert.True(endless.Served <= 101 * 406, "nothing is read past the hundred-and-first line");
        }

        [Fact]
        public async Task AReplyLineOver512OctetsIsRefused_Rfc5321Section4_5_3_1_5()
        {
            await Assert.ThrowsAsync<InvalidDataException>(() => SmtpProbe.ReadReplyAsync(new EndlessStream("220 " + new string('x', 100)), CancellationToken.None));
            var (code, _) = await SmtpProbe.ReadReplyAsync(new MemoryStream(Encoding.ASCII.GetBytes("220 " + new string('x', 506) + "\r\n")), CancellationToken.None);
            Assert.Equal(220, code);
        }

        [Fact]
        public async Task AReadThatAlwaysCompletesAtOnceStillWatchesTheDeadline()
        {
            using var deadline = new CancellationTokenSource();
            deadline.Cancel();
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => SmtpProbe.ReadReplyAsync(new EndlessStream("220-x\r\n"), deadline.Token));
        }

        /// <summary>Serves the same text forever, every read completing at once.</summary>
        private sealed class EndlessStream : Stream
        {
            private readonly byte[] pattern;

            public EndlessStream(string text) => pattern = Encoding.ASCII.GetBytes(text);

            public long Served { get; private set; }

            public override bool CanRead => true;

            public override bool CanSeek => false;

            public override bool CanWrite => false;

            public override long Length => throw new NotSupportedException();

            public override long Position { get => Served; set => throw new NotSupportedException(); }

            public override int Read(byte[] buffer, int offset, int count)
            {
                for (int i = 0; i < count; i++)
                {
                    buffer[offset + i] = pattern[Served++ % pattern.Length];
                }

                return count;
            }

            public override void Flush()
            {
            }

            public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

            public override void SetLength(long value) => throw new NotSupportedException();

            public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
        }
    }
}
