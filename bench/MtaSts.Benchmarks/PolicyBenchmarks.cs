using System.Text;
using BenchmarkDotNet.Attributes;
using MtaSts.Diagnostics;
using MtaSts.Policy;
using MtaSts.Records;

namespace MtaSts.Benchmarks
{
    /// <summary>Parse, write and match: the core's hot paths (targets in docs/performance.md).</summary>
    [MemoryDiagnoser]
    public class PolicyBenchmarks
    {
        private const string TypicalPolicy = "version: STSv1\r\nmode: enforce\r\nmx: mail.example.com\r\nmx: *.mail.example.com\r\nmax_age: 604800\r\n";
        private const string TxtValue = "v=STSv1; id=20260101120000Z";
        private static readonly Clock FixedClock = Clock.Fixed(new System.DateTimeOffset(2026, 1, 1, 12, 0, 0, System.TimeSpan.Zero));

        private readonly byte[] typicalBytes = Encoding.ASCII.GetBytes(TypicalPolicy);
        private MtaStsPolicy policy = null!;

        [GlobalSetup]
        public void Setup() => policy = MtaStsPolicy.Parse(TypicalPolicy);

        /// <summary>The floor: one pass over the same text looking for line breaks and colons.</summary>
        [Benchmark(Baseline = true)]
        public int ScanBaseline()
        {
            int count = 0;
            foreach (char c in TypicalPolicy)
            {
                if (c == '\n' || c == ':')
                {
                    count++;
                }
            }

            return count;
        }

        [Benchmark]
        public ParseResult<MtaStsPolicy> ParsePolicyText() => PolicyParser.Parse(TypicalPolicy);

        [Benchmark]
        public ParseResult<MtaStsPolicy> ParsePolicyBytes() => PolicyParser.Parse(typicalBytes);

        [Benchmark]
        public ParseResult<MtaStsTxtRecord> ParseTxtRecord() => TxtRecordParser.ParseMtaSts(TxtValue);

        [Benchmark]
        public string WritePolicy() => PolicyWriter.Write(policy);

        [Benchmark]
        public bool MatchWildcard() => policy.Matches("mx1.mail.example.com");

        [Benchmark]
        public bool MatchMiss() => policy.Matches("mx1.other.example.net.");

        [Benchmark]
        public string GeneratePolicyAndRecord()
        {
            var generated = MtaStsPolicy.Create(PolicyMode.Enforce, new[] { MxPattern.Parse("mail.example.com"), MxPattern.Parse("*.mail.example.com") }, 604800, "example.com");
            var record = MtaStsTxtRecord.Create("example.com", clock: FixedClock);
            return generated.Text + record.ZoneFileText;
        }
    }
}
