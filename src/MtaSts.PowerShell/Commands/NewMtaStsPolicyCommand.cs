using System.Collections.Generic;
using System.Management.Automation;
using MtaSts.Policy;
using MtaSts.PowerShell.Internal;
using MtaSts.Validation;

namespace MtaSts.PowerShell.Commands
{
    /// <summary>New-MtaStsPolicy: builds one policy from the MX hosts given or piped in (RFC 8461 §3.2).</summary>
    [Cmdlet(VerbsCommon.New, "MtaStsPolicy")]
    [OutputType(typeof(MtaStsPolicy))]
    public sealed class NewMtaStsPolicyCommand : MtaStsCmdlet
    {
        private readonly List<MxPattern> patterns = new List<MxPattern>();
        private bool anyInvalid;

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
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? Domain { get; set; }

        protected override void ProcessRecord()
        {
            if (Mx == null)
            {
                return;
            }

            foreach (string mx in Mx)
            {
                string? reason = MxPattern.TryParse(mx, out MxPattern? pattern);
                if (reason == null)
                {
                    patterns.Add(pattern!);
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

        protected override void EndProcessing()
        {
            if (anyInvalid)
            {
                WriteVerbose("No policy was created because an MX pattern is invalid; a policy missing an MX host would make senders in enforce mode refuse mail to it.");
                return;
            }

            bool maxAgeGiven = MyInvocation.BoundParameters.ContainsKey(nameof(MaxAge));
            int maxAge = maxAgeGiven ? MaxAge : Mode == PolicyMode.None ? MtaStsPolicy.RecommendedMinMaxAge : MtaStsPolicy.DefaultMaxAge;
            MtaStsPolicy policy;
            try
            {
                policy = MtaStsPolicy.Create(Mode, patterns, maxAge, Domain);
            }
            catch (MtaStsFormatException ex)
            {
                WriteFinding(ex, ErrorCategory.InvalidArgument, ex.Finding.Target ?? (object?)Domain);
                return;
            }

            WriteAdvice(policy.Review());
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
