using System.Collections.Generic;
using System.Management.Automation;
using System;
using System.Threading;
using MtaSts.Checking;
using MtaSts.Diagnostics;
using MtaSts.Policy;
using MtaSts.PowerShell.Internal;
using MtaSts.PowerShell.Resources;

namespace MtaSts.PowerShell.Commands
{
    /// <summary>
    /// New-MtaStsPolicy: builds a policy from the MX hosts given or piped in (RFC 8461 §3.2). Piped input is
    /// gathered into one policy per domain: MX records from Resolve-DnsName all go into one policy, while rows
    /// that carry a Domain property (Import-Csv) give one policy each time the domain changes, with the row's own
    /// Mode and MaxAge when it has them. Several domains in -Domain each get a policy with the same MX patterns (a
    /// provider hosting many domains).
    /// </summary>
    [Cmdlet(VerbsCommon.New, "MtaStsPolicy", DefaultParameterSetName = MxSet, HelpUri = HelpPages + "New-MtaStsPolicy.md")]
    [OutputType(typeof(MtaStsPolicy))]
    public sealed class NewMtaStsPolicyCommand : MtaStsCmdlet
    {
        private const string MxSet = "Mx";
        private const string DnsSet = "FromDns";

        private readonly List<MxPattern> patterns = new List<MxPattern>();
        private readonly CancellationTokenSource stopping = new CancellationTokenSource();
        private IReadOnlyList<System.Net.IPEndPoint> dnsServers = Array.Empty<System.Net.IPEndPoint>();
        private bool pending;
        private bool anyInvalid;
        private string[]? pendingDomains;
        private int pendingMode;
        private int? pendingMaxAge;

        // Held as an int: a field of an engine enum would make this type fail to load before the engine is resolvable
        // (see ModuleInitAndCleanup).
        private int mode = (int)PolicyMode.Testing;

        /// <summary>The policy mode; start with Testing, move to Enforce once TLS-RPT reports are clean. Piped rows may carry their own.</summary>
        [Parameter(ParameterSetName = MxSet, Position = 2, ValueFromPipelineByPropertyName = true)]
        [Parameter(ParameterSetName = DnsSet, Position = 1, ValueFromPipelineByPropertyName = true)]
        public PolicyMode Mode
        {
            get => (PolicyMode)mode;
            set => mode = (int)value;
        }

        /// <summary>MX host names or '*.' patterns; MX records piped from Resolve-DnsName or DnsClient bind by property name.</summary>
        [Parameter(ParameterSetName = MxSet, Position = 1, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [Alias("NameExchange", "Exchange", "MxHost")]
        [AllowEmptyCollection]
        [MxText]
        public string[]? Mx { get; set; }

        /// <summary>max_age in seconds, 0 to 31557600; default 604800 (86400 in mode None). Piped rows may carry their own.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [SecondsTransformation]
        [ArgumentCompleter(typeof(MaxAgeCompleter))]
        public int MaxAge { get; set; }

        /// <summary>The Policy Domain (or several); sets PolicyHost and PolicyUrl.</summary>
        [Parameter(ParameterSetName = MxSet, Position = 0, ValueFromPipelineByPropertyName = true)]
        // Neither mandatory nor by value in the FromDns set: either makes PowerShell choose that set for piped input even
        // without -FromDns. FromLiveDns reports a missing domain instead.
        [Parameter(ParameterSetName = DnsSet, Position = 0, ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        [PipelineText("Domain", "Domain")]
        public string[]? Domain { get; set; }

        /// <summary>Take the MX hosts of each domain from live DNS, with the module's own resolver (RFC 8461 §3.2).</summary>
        [Parameter(ParameterSetName = DnsSet, Mandatory = true)]
        public SwitchParameter FromDns { get; set; }

        /// <summary>DNS servers to ask instead of the system's resolvers: an IP address, with :port if not 53 ([v6]:port for IPv6).</summary>
        [Parameter(ParameterSetName = DnsSet)]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(NoCompleter))]
        public string[]? DnsServer { get; set; }

        /// <summary>Seconds the MX lookup of one domain may take.</summary>
        [Parameter(ParameterSetName = DnsSet)]
        [ValidateRange(1, 300)]
        public int TimeoutSec { get; set; } = 10;

        protected override void ProcessRecord()
        {
            if (FromDns)
            {
                if (Domain == null || Domain.Length == 0)
                {
                    WriteFinding(new Finding(ErrorCodes.DomainInvalid, Severity.Error, Messages.Get("PolicyFromDnsNoDomain"), "RFC 8461 §3.2"), ErrorCategory.InvalidArgument, null);
                    return;
                }

                foreach (string domain in Domain)
                {
                    FromLiveDns(domain);
                }

                return;
            }

            if (pending && !SameDomains(Domain, pendingDomains))
            {
                Flush();
            }

            int? maxAge = GivenMaxAge;
            if (!pending)
            {
                pending = true;
                pendingDomains = Domain;
                pendingMode = mode;
                pendingMaxAge = maxAge;
            }
            else if (pendingMode != mode || pendingMaxAge != maxAge)
            {
                // Rows of one domain that disagree: one of them is a mistake, and guessing which would publish the wrong policy.
                anyInvalid = true;
                WriteFinding(new Finding(ErrorCodes.PolicyRowsDisagree, Severity.Error,
                    Messages.Format("PolicyRowsDisagree", Domain == null ? "-" : string.Join(", ", Domain), (PolicyMode)pendingMode, Shown(pendingMaxAge), Mode, Shown(maxAge)),
                    "RFC 8461 §3.2"), ErrorCategory.InvalidData, Domain);
            }

            foreach (string mx in Mx ?? Array.Empty<string>())
            {
                try
                {
                    patterns.Add(MxPattern.Parse(mx));
                }
                catch (MtaStsFormatException ex)
                {
                    anyInvalid = true;
                    WriteFinding(ex, ErrorCategory.InvalidArgument, mx);
                }
            }
        }

        protected override void EndProcessing()
        {
            if (!FromDns)
            {
                Flush();
            }
        }

        protected override void BeginProcessing()
        {
            if (FromDns)
            {
                dnsServers = ReadDnsServers(DnsServer);
            }
        }

        protected override void StopProcessing() => stopping.Cancel();

        /// <summary>One policy for <paramref name="domain"/> naming its live MX hosts; a lookup that fails or finds none is an error, never an empty policy.</summary>
        private void FromLiveDns(string domain)
        {
            var options = new CheckOptions { DnsServers = dnsServers, Timeout = TimeSpan.FromSeconds(TimeoutSec) };
            IReadOnlyList<string> hosts;
            try
            {
                hosts = LiveMx.ReadAsync(domain, options, stopping.Token).GetAwaiter().GetResult();
            }
            catch (Exception ex) when (ex is IFindingException problem)
            {
                var category = problem.Finding.Code == ErrorCodes.DnsLookupFailed ? ErrorCategory.ResourceUnavailable : ErrorCategory.ObjectNotFound;
                WriteFinding(problem.Finding, category, domain);
                return;
            }

            if (VerboseWanted)
            {
                WriteVerbose(Messages.Format("PolicyMxFromDns", domain, string.Join(", ", hosts)));
            }

            try
            {
                foreach (string host in hosts)
                {
                    patterns.Add(MxPattern.Parse(host));
                }

                Emit(new[] { domain }, Mode, GivenMaxAge);
            }
            catch (MtaStsFormatException ex)
            {
                WriteFinding(ex, ErrorCategory.InvalidData, domain);
            }
            finally
            {
                patterns.Clear();
            }
        }

        /// <summary>-MaxAge when given or bound from the row, else null for the mode's default.</summary>
        private int? GivenMaxAge => MyInvocation.BoundParameters.ContainsKey(nameof(MaxAge)) ? MaxAge : (int?)null;

        private static string Shown(int? maxAge) => maxAge?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "-";

        private static bool SameDomains(string[]? a, string[]? b)
        {
            if (a == null || b == null)
            {
                return a == b;
            }

            if (a.Length != b.Length)
            {
                return false;
            }

            for (int i = 0; i < a.Length; i++)
            {
                if (!string.Equals(a[i], b[i], StringComparison.OrdinalIgnoreCase))
                {
                    return false;
                }
            }

            return true;
        }

        private void Flush()
        {
            string[]? domains = pendingDomains ?? Domain;
            try
            {
                if (anyInvalid)
                {
                    if (VerboseWanted)
                    {
                        WriteVerbose(domains == null ? Messages.Get("PolicyNotCreated") : Messages.Format("PolicyNotCreatedFor", string.Join(", ", domains)));
                    }

                    return;
                }

                Emit(domains, pending ? (PolicyMode)pendingMode : Mode, pending ? pendingMaxAge : GivenMaxAge);
            }
            finally
            {
                patterns.Clear();
                anyInvalid = false;
                pending = false;
            }
        }

        private void Emit(string[]? domains, PolicyMode policyMode, int? maxAge)
        {
            MtaStsPolicy policy;
            try
            {
                policy = MtaStsPolicy.Create(policyMode, patterns, maxAge ?? MtaStsPolicy.DefaultMaxAgeFor(policyMode));
            }
            catch (MtaStsFormatException ex)
            {
                WriteFinding(ex, ErrorCategory.InvalidArgument, ex.Finding.Target ?? (object?)domains);
                return;
            }

            WriteAdvice(policy.Review(), domains == null ? null : string.Join(", ", domains));
            if (policyMode == PolicyMode.None && VerboseWanted)
            {
                WriteVerbose(Messages.Get("PolicyModeNoneStory"));
            }

            if (domains == null)
            {
                if (VerboseWanted)
                {
                    WriteVerbose(Messages.Format("PolicyCreated", policy.Mode, policy.Mx.Count, policy.MaxAge));
                }

                WriteObject(policy);
                return;
            }

            foreach (string domain in domains)
            {
                try
                {
                    var placed = policy.WithDomain(domain);
                    if (VerboseWanted)
                    {
                        WriteVerbose(Messages.Format("PolicyCreatedFor", placed.Domain, placed.PolicyUrl));
                    }

                    WriteObject(placed);
                }
                catch (MtaStsFormatException ex)
                {
                    WriteFinding(ex, ErrorCategory.InvalidArgument, domain);
                }
            }
        }
    }
}
