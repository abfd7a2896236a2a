using System.IO;
using System.Linq;
using System.Text;
using System.Threading.Tasks;
using System.Threading;
using System;
using MtaSts.Diagnostics;
using MtaSts.Policy;
using MtaSts.PowerShell.Commands;
using MtaSts.PowerShell.Internal;
using MtaSts.Records;
using Xunit;

namespace MtaSts.Tests.Cmdlets
{
    public sealed class CmdletTests : IDisposable
    {
        private readonly HostedRunspace shell = new HostedRunspace();
        private readonly string folder = Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), "mtasts-" + Guid.NewGuid().ToString("N"))).FullName;

        public void Dispose()
        {
            shell.Dispose();
            Directory.Delete(folder, true);
        }

        [Fact(DisplayName = "RFC 8461 §3.2: New-MtaStsPolicy emits one typed policy for all piped MX hosts")]
        public void PolicyFromPipeline()
        {
            var output = shell.Invoke("'b.example.com','a.example.com' | New-MtaStsPolicy -Mode Enforce -Domain example.com");
            var policy = Assert.IsType<MtaStsPolicy>(Assert.Single(output).BaseObject);
            Assert.Equal("version: STSv1\r\nmode: enforce\r\nmx: b.example.com\r\nmx: a.example.com\r\nmax_age: 604800\r\n", policy.Text);
        }

        [Fact(DisplayName = "RFC 8461 §3.1: New-MtaStsTxtRecord takes its default id from the UTC clock")]
        public void TxtRecordUsesClock()
        {
            // Core takes the clock as an argument (PolicyGenerationTests fix it); the cmdlet passes the system clock.
            string before = StsId.New(Clock.System);
            var record = Assert.IsType<MtaStsTxtRecord>(Assert.Single(shell.Invoke("New-MtaStsTxtRecord example.com")).BaseObject);
            string after = StsId.New(Clock.System);
            Assert.Matches("^v=STSv1; id=[0-9]{14}Z$", record.Value);
            Assert.InRange(string.CompareOrdinal(record.Id, before), 0, int.MaxValue);
            Assert.InRange(string.CompareOrdinal(record.Id, after), int.MinValue, 0);
        }

        [Fact(DisplayName = "RFC 8461 §3.2: bad MX input is a non-terminating error with a stable id, and no policy")]
        public void BadMxIsNonTerminating()
        {
            var output = shell.Invoke("New-MtaStsPolicy -Mx 'ok.example.com','bad_1.example.com'; 'after'", out var errors, out _);
            Assert.Equal("after", Assert.Single(output).BaseObject);
            var error = Assert.Single(errors);
            Assert.StartsWith("MtaStsMxPatternInvalid", error.FullyQualifiedErrorId);
            Assert.Equal(System.Management.Automation.ErrorCategory.InvalidArgument, error.CategoryInfo.Category);
            Assert.Equal("bad_1.example.com", error.TargetObject);
        }

        [Fact(DisplayName = "RFC 8461 §3.2: parse errors carry line and column in the error record")]
        public void ParseErrorPosition()
        {
            shell.Invoke("\"version: STSv1`nmode: enforce`nmx: a.example.com`nmax_age: 7d`n\" | ConvertFrom-MtaStsPolicy", out var errors, out _);
            var exception = Assert.IsType<MtaSts.Diagnostics.MtaStsFormatException>(Assert.Single(errors).Exception);
            Assert.Equal((4, 11), (exception.Finding.Line, exception.Finding.Column));
        }

        [Fact(DisplayName = "RFC 8461 §3.2: Export-MtaStsPolicy -WhatIf writes nothing")]
        public void ExportWhatIf()
        {
            shell.Invoke($"New-MtaStsPolicy -Mx a.example.com | Export-MtaStsPolicy -Path '{folder}/site' -WhatIf");
            Assert.False(Directory.Exists(Path.Combine(folder, "site")));
        }

        [Fact(DisplayName = "Atomic export: a reader never sees a partial or mixed policy file")]
        public async Task ReadersNeverSeePartialFiles()
        {
            string file = Path.Combine(folder, "mta-sts.txt");
            var first = MtaStsPolicy.Create(PolicyMode.Testing, new[] { MxPattern.Parse("a.example.com") }).ToBytes();
            var second = MtaStsPolicy.Create(PolicyMode.Enforce, Enumerable.Range(0, 50).Select(i => MxPattern.Parse($"mx{i}.example.com")), 1209600).ToBytes();
            AtomicFile.Write(file, first);
            using var stop = new CancellationTokenSource();
            int reads = 0;
            var reader = Task.Run(() =>
            {
                while (!stop.IsCancellationRequested)
                {
                    byte[] seen;
                    try
                    {
                        seen = File.ReadAllBytes(file);
                    }
                    catch (IOException)
                    {
                        continue;
                    }

                    Assert.True(seen.SequenceEqual(first) || seen.SequenceEqual(second), "saw " + Encoding.ASCII.GetString(seen));
                    Interlocked.Increment(ref reads);
                }
            });
            for (int i = 0; i < 5000 && (i < 300 || Volatile.Read(ref reads) < 300); i++)
            {
                AtomicFile.Write(file, i % 2 == 0 ? second : first);
            }

            stop.Cancel();
            await reader;
            Assert.True(reads > 0);
            Assert.Equal(new[] { "mta-sts.txt" }, Directory.GetFiles(folder).Select(Path.GetFileName));
        }

        [Fact(DisplayName = "Long work shows progress, throttled, and removes the bar at the end")]
        public void LiveCheckProgressEndsCompleted()
        {
            // 8 domains, 2 at a time, against a resolver that takes every question and never answers: about 4 s of work.
            using var silent = new System.Net.Sockets.UdpClient(new System.Net.IPEndPoint(System.Net.IPAddress.Loopback, 0));
            int port = ((System.Net.IPEndPoint)silent.Client.LocalEndPoint!).Port;
            var progress = shell.InvokeForProgress($"1..8 | ForEach-Object {{ \"d$_.example\" }} | Test-MtaStsDomain -DnsServer 127.0.0.1:{port} -TimeoutSec 1 -ThrottleLimit 2");
            Assert.NotEmpty(progress);
            Assert.Equal(System.Management.Automation.ProgressRecordType.Completed, progress[^1].RecordType);
            Assert.All(progress[..^1], p => Assert.Equal(System.Management.Automation.ProgressRecordType.Processing, p.RecordType));
            Assert.True(progress.Length <= 1 + 8, "at most one update per finished domain, plus the Completed record");
        }

        [Fact(DisplayName = "A single quick command shows no progress bar")]
        public void QuickWorkShowsNoProgress()
        {
            Assert.Empty(shell.InvokeForProgress("Test-MtaStsDomain example.com -DnsServer 127.0.0.1:9 -TimeoutSec 1"));
        }
    }
}
