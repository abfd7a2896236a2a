using System;
using System.IO;

namespace MtaSts.Fuzz
{
    /// <summary>A server's side of a connection played from bytes: reads give the script, writes go nowhere.</summary>
    internal sealed class ScriptedStream : Stream
    {
        private readonly MemoryStream script;

        public ScriptedStream(byte[] bytes) => script = new MemoryStream(bytes, writable: false);

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => true;

        public override long Length => throw new NotSupportedException();

        public override long Position
        {
            get => throw new NotSupportedException();
            set => throw new NotSupportedException();
        }

        public override int Read(byte[] buffer, int offset, int count) => script.Read(buffer, offset, count);

        public override void Write(byte[] buffer, int offset, int count)
        {
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();
    }
}
