using System.Collections.Generic;
using System;
using MtaSts.Checking.Transport;
using MtaSts.Diagnostics;
using MtaSts.Resources;

namespace MtaSts.Checking
{
    /// <summary>
    /// What one domain's check has found so far: its findings, its story for -Verbose, and whether DNS left it unsure.
    /// Not thread-safe: work that runs alongside gets a <see cref="Branch"/> of its own, merged back in a fixed place so
    /// that findings keep the same order however the network answers.
    /// </summary>
    internal sealed class CheckContext
    {
        public CheckContext(CheckOptions options)
            : this(options, options.DnsFactory(options), options.Clock.UtcNow.UtcDateTime)
        {
        }

        private CheckContext(CheckOptions options, IDnsLookup dns, DateTime now)
        {
            Options = options;
            Dns = dns;
            Now = now;
        }

        public CheckOptions Options { get; }

        public IDnsLookup Dns { get; }

        public DateTime Now { get; }

        public List<Finding> Findings { get; } = new List<Finding>();

        public List<string> Log { get; } = new List<string>();

        /// <summary>A temporary DNS failure left part of the answer unknown.</summary>
        public bool Incomplete { get; private set; }

        /// <summary>No DNS server answered the first question; the check stops there with an Unknown verdict.</summary>
        public bool ResolverSilent { get; set; }

        public void Add(Finding finding) => Findings.Add(finding);

        public void AddRange(IEnumerable<Finding>? findings)
        {
            if (findings != null)
            {
                Findings.AddRange(findings);
            }
        }

        public void Error(string code, string message, string section, string? target) =>
            Findings.Add(new Finding(code, Severity.Error, message, section, Target: target));

        public void Warning(string code, string message, string section, string? target) =>
            Findings.Add(new Finding(code, Severity.Warning, message, section, Target: target));

        public void Info(string code, string message, string section, string? target) =>
            Findings.Add(new Finding(code, Severity.Info, message, section, Target: target));

        /// <summary>
        /// A DNS answer that could not be had (the question <paramref name="asked"/> about <paramref name="target"/>):
        /// reported, marked as a time-out when no server answered, and the verdict becomes Unknown rather than "no policy".
        /// </summary>
        public void Unknown<T>(string asked, string? target, DnsAnswer<T> answer)
        {
            Incomplete = true;
            Findings.Add(new Finding(ErrorCodes.DnsLookupFailed, Severity.Warning, Messages.Format("CheckDnsFailed", asked, answer.Error), "RFC 8461 §3.1, §5.1",
                Target: target) { TimedOut = answer.NoServerAnswered });
        }

        public void Verbose(string message) => Log.Add(message);

        /// <summary>A context for work that runs alongside this one: the same options, resolver and time, its own findings.</summary>
        public CheckContext Branch() => new CheckContext(Options, Dns, Now);

        /// <summary>Where findings and story stand now, for a branch to be put back here later.</summary>
        public (int Findings, int Log) Mark() => (Findings.Count, Log.Count);

        /// <summary>Takes a branch's findings, story and doubts at <paramref name="at"/> (a <see cref="Mark"/>), or at the end.</summary>
        public void Merge(CheckContext branch, (int Findings, int Log)? at = null)
        {
            Findings.InsertRange(at?.Findings ?? Findings.Count, branch.Findings);
            Log.InsertRange(at?.Log ?? Log.Count, branch.Log);
            Incomplete |= branch.Incomplete;
            ResolverSilent |= branch.ResolverSilent;
        }
    }
}
