using System.Collections.Generic;
using System.Management.Automation;
using MtaSts.Policy;
using MtaSts.PowerShell.Internal;
using MtaSts.Validation;

namespace MtaSts.PowerShell.Commands
{
    /// <summary>
    /// New-MtaStsPolicy: builds a policy from the MX hosts given or piped in (RFC 8461 §3.2). Piped input is
    /// gathered into one policy per domain: MX records from Resolve-DnsName all go into one policy, while rows
    /// that carry a Domain property (Import-Csv) give one policy each time the domain changes.
    /// </summary>
    [Cmdlet(VerbsCommon.New, "MtaStsPolicy")]
    [OutputType(typeof(MtaStsPolicy))]
    public sealed class NewMtaStsPolicyCommand : MtaStsCmdlet
    {
        private readonly List<MxPattern> patterns = new List<MxPattern>();
        private bool pending;
        private bool anyInvalid;
        private string? pendingDomain;

        /// <summary>The policy mode; start with Testing, move to Enforce once TLS-RPT reports are clean.</summary>
        [Parameter(Position = 0)]
        public PolicyMode Mode { get; set; } = PolicyMode.Testing;

        /// <summary>MX host names or '*.' patterns; MX records piped from Resolve-DnsName or DnsClient bind by property name.</summary>
        [Parameter(Position = 1, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [Alias("NameExchange", "Exchange", "MxHost")]
        [AllowEmptyCollection]
        public string[]? Mx { get; set; }

        /// <summary>max_age in seconds, 0 to 31557600; default 604800 (86400 in mode None).</summary>
        [Parameter]
        [SecondsTransformation]
        public int MaxAge { get; set; }

        /// <summary>The Policy Domain; sets PolicyHost and PolicyUrl.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        public string? Domain { get; set; }

        protected override void ProcessRecord()
        {
            if (pending && !string.Equals(Domain, pendingDomain, System.StringComparison.OrdinalIgnoreCase))
            {
                Flush();
            }

            pending = true;
            pendingDomain = Domain;
            foreach (string mx in Mx ?? new string[0])
            {
                string? reason = MxPattern.TryParse(mx, out MxPattern pattern);
                if (reason == null)
                {
                    patterns.Add(pattern);
                    continue;
                }

                anyInvalid = true;
                try
                {
                    MxPattern.Parse(mx);
                }
                catch (MtaStsFormatException ex)
                {
                    WriteFinding(ex, ErrorCategory.InvalidArgument, mx);
                }
            }
        }

        protected override void EndProcessing() => Flush();

        private void Flush()
        {
            string? domain = pendingDomain ?? Domain;
            try
            {
                if (anyInvalid)
                {
                    WriteVerbose($"No policy was created{(domain == null ? string.Empty : " for " + domain)} because an MX pattern is invalid; a policy missing an MX host would make senders in enforce mode refuse mail to it.");
                    return;
                }

                Emit(domain);
            }
            finally
            {
                patterns.Clear();
                anyInvalid = false;
                pending = false;
            }
        }

        private void Emit(string? domain)
        {
            bool maxAgeGiven = MyInvocation.BoundParameters.ContainsKey(nameof(MaxAge));
            int maxAge = maxAgeGiven ? MaxAge : Mode == PolicyMode.None ? MtaStsPolicy.RecommendedMinMaxAge : MtaStsPolicy.DefaultMaxAge;
            MtaStsPolicy policy;
            try
            {
                policy = MtaStsPolicy.Create(Mode, patterns, maxAge, domain);
            }
            catch (MtaStsFormatException ex)
            {
                WriteFinding(ex, ErrorCategory.InvalidArgument, ex.Finding.Target ?? (object?)domain);
                return;
            }

            WriteAdvice(policy.Review(), domain);
            if (Mode == PolicyMode.None)
            {
                WriteVerbose("Mode none removes MTA-STS safely (RFC 8461 §8.3): serve this policy, publish a new TXT id, keep both until every earlier policy's max_age has run out, and only then delete the TXT record and the policy host.");
            }

            WriteVerbose(policy.PolicyUrl == null
                ? $"Policy: mode {policy.Mode}, {policy.Mx.Count} mx, max_age {policy.MaxAge}. Give -Domain to learn where to host it."
                : $"Policy for {policy.Domain}: mode {policy.Mode}, {policy.Mx.Count} mx, max_age {policy.MaxAge}; serve it at {policy.PolicyUrl} as text/plain.");
            WriteObject(policy);
        }
    }
}
