using System.Linq;
using System.Text;
using MtaSts.Diagnostics;
using MtaSts.Policy;
using MtaSts.Records;
using Xunit;

namespace MtaSts.Tests.Core
{
    /// <summary>Changing a deployed policy (RFC 8461 §3.2, §8.3) and the id that follows its content (RFC 8461 §3.1).</summary>
    public class PolicyEditTests
    {
        private static readonly MtaStsPolicy Deployed = MtaStsPolicy.Create(PolicyMode.Enforce, new[] { MxPattern.Parse("mx1.example.com"), MxPattern.Parse("mx2.example.com") }, 1209600);

        [Fact(DisplayName = "RFC 8461 §3.2: an edit adds, removes and replaces MX patterns and keeps max_age unless given")]
        public void EditsMx()
        {
            var edited = new PolicyEdit { RemoveMx = new[] { MxPattern.Parse("MX1.example.com.") }, AddMx = new[] { MxPattern.Parse("*.backup.example.net") } }.ApplyTo(Deployed);
            Assert.Equal(new[] { "mx2.example.com", "*.backup.example.net" }, edited.Mx.Select(m => m.Value));
            Assert.Equal(1209600, edited.MaxAge);
            Assert.Equal(new[] { "a.example" }, new PolicyEdit { Mx = new[] { MxPattern.Parse("a.example") } }.ApplyTo(Deployed).Mx.Select(m => m.Value));
        }

        [Fact(DisplayName = "RFC 8461 §8.3: a move to none keeps the mx lines and takes one day of max_age unless given")]
        public void BackOut()
        {
            var none = new PolicyEdit { Mode = PolicyMode.None }.ApplyTo(Deployed);
            Assert.Equal(PolicyMode.None, none.Mode);
            Assert.Equal(86400, none.MaxAge);
            Assert.Equal(2, none.Mx.Count);
            Assert.Equal(3600, new PolicyEdit { Mode = PolicyMode.None, MaxAge = 3600 }.ApplyTo(Deployed).MaxAge);
        }

        [Fact(DisplayName = "RFC 8461 §3.2: removing an MX the policy lacks, or the last one in enforce, is an error")]
        public void BadRemovals()
        {
            Assert.Equal(ErrorCodes.MxNotInPolicy, Assert.Throws<MtaStsFormatException>(() => new PolicyEdit { RemoveMx = new[] { MxPattern.Parse("mx9.example.com") } }.ApplyTo(Deployed)).Finding.Code);
            var all = Deployed.Mx.ToList();
            Assert.Equal(ErrorCodes.MxRequired, Assert.Throws<MtaStsFormatException>(() => new PolicyEdit { RemoveMx = all }.ApplyTo(Deployed)).Finding.Code);
        }

        [Fact(DisplayName = "RFC 8461 §3.1: the content id is 32 hex digits that change exactly when the bytes do")]
        public void ContentId()
        {
            byte[] a = Encoding.ASCII.GetBytes(Deployed.Text);
            byte[] b = Encoding.ASCII.GetBytes(Deployed.Text.Replace("1209600", "1209601"));
            string id = StsId.FromContent(a);
            Assert.Equal(32, id.Length);
            Assert.Null(StsId.Check(id));
            Assert.Equal(id, StsId.FromContent((byte[])a.Clone()));
            Assert.NotEqual(id, StsId.FromContent(b));
        }
    }
}
