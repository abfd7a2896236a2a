using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Threading.Tasks;
using System.Threading;
using System;
using MtaSts.Checking.Transport;
using MtaSts.Diagnostics;
using MtaSts.Policy;
using MtaSts.Records;
using MtaSts.Resources;
using MtaSts.Syntax;

namespace MtaSts.Checking
{
    /// <summary>
    /// Checks one domain's MTA-STS deployment the way a sending server meets it (RFC 8461 §3–§5, §7): the _mta-sts TXT record, the policy host's DNS, TLS and HTTP, the policy text, MX coverage, the
    /// TLS-RPT record, optionally every MX's STARTTLS, and id drift against an earlier run.
    /// </summary>
    public static class MtaStsChecker
    {
        /// <summary>Beyond a day, a new id takes too long to reach the resolvers senders ask (RFC 8461 §3.1: the id signals a change).</summary>
        private static readonly TimeSpan LongTxtTtl = TimeSpan.FromDays(1);

        /// <summary>
        /// The full check. Never throws for what it finds; cancellation throws. Only what a sender must wait for is
        /// waited for in turn: the TXT record, the policy host's addresses, the MX and the TLS-RPT record are asked at
        /// once, and the MX hosts are probed side by side.
        /// </summary>
        public static async Task<MtaStsDomainCheck> CheckAsync(string domain, CheckOptions options, PolicyStateStore? state, CancellationToken cancellationToken)
        {
            var context = new CheckContext(options);
            var stopwatch = Stopwatch.StartNew();
            var parts = await ReadPolicyAsync(domain, context, companions: true, cancellationToken).ConfigureAwait(false);
            IReadOnlyList<MxCoverage> mxHosts = Array.Empty<MxCoverage>();
            IReadOnlyList<SmtpProbeResult> smtp = Array.Empty<SmtpProbeResult>();
            TlsRptRecord? tlsRpt = null;
            if (parts.Domain != null && parts.MxAnswer != null && parts.TlsRptAnswer != null)
            {
                var mode = parts.Policy?.Mode;
                mxHosts = CheckMxCoverage(parts.Domain, parts.Policy, parts.MxAnswer, context);
                tlsRpt = CheckTlsRpt(parts.Domain, mode, parts.TlsRptAnswer, context);
                if (mode == PolicyMode.Testing)
                {
                    context.Info(ErrorCodes.ModeTesting, Messages.Format("CheckModeTesting", parts.Domain), "RFC 8461 §5", parts.Domain);
                }

                CheckDrift(parts.Domain, parts.TxtRecord, parts.Fetch, state, context);
                if (options.IncludeSmtp && mxHosts.Count > 0)
                {
                    smtp = await ProbeMxHostsAsync(mxHosts, mode == PolicyMode.Enforce ? Severity.Error : Severity.Warning, context, cancellationToken).ConfigureAwait(false);
                }
            }

            var check = Result(domain, parts, context, stopwatch);
            check.MxHosts = mxHosts;
            check.TlsRptRecord = tlsRpt;
            check.Smtp = smtp;
            return check;
        }

        /// <summary>Discovers and fetches the policy only, as a sender does before delivering (RFC 8461 §3); the TXT record and the policy host's addresses are asked at once.</summary>
        public static async Task<(MtaStsRemotePolicy? Policy, MtaStsDomainCheck Check)> GetPolicyAsync(string domain, CheckOptions options, CancellationToken cancellationToken)
        {
            var context = new CheckContext(options);
            var stopwatch = Stopwatch.StartNew();
            var parts = await ReadPolicyAsync(domain, context, companions: false, cancellationToken).ConfigureAwait(false);
            var remote = parts.Policy != null && parts.Domain != null
                ? new MtaStsRemotePolicy(parts.Domain, parts.TxtRecord, parts.Policy, parts.Fetch!, options.Clock.UtcNow)
                : null;
            return (remote, Result(domain, parts, context, stopwatch));
        }

        /// <summary>The result both entry points share: the domain, the TXT record, the policy and its fetch, the findings and the story.</summary>
        private static MtaStsDomainCheck Result(string input, PolicyParts parts, CheckContext context, Stopwatch stopwatch) =>
            new MtaStsDomainCheck(parts.Domain ?? input, context.Findings, context.Incomplete)
            {
                TxtRecord = parts.TxtRecord,
                Policy = parts.Policy,
                PolicyFetch = parts.Fetch,
                CheckedAt = context.Options.Clock.UtcNow,
                Duration = stopwatch.Elapsed,
                Log = context.Log,
            };

        /// <summary>
        /// The TXT record and the policy, looked up side by side, with the MX and TLS-RPT answers too when
        /// <paramref name="companions"/> is set. Each runs in a branch of the context, merged in a fixed order: TXT, then fetch.
        /// </summary>
        private static async Task<PolicyParts> ReadPolicyAsync(string input, CheckContext context, bool companions, CancellationToken cancellationToken)
        {
            string? problem = DomainNameInput.TryNormalize(input, out string domain);
            if (problem != null)
            {
                context.Error(ErrorCodes.DomainInvalid, Messages.Format("DomainInvalidPolicyDomain", DomainSyntax.Shown(input), problem), "RFC 8461 §3.1", input);
                return default;
            }

            using var lookups = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            var txtBranch = context.Branch();
            var fetchBranch = context.Branch();
            var txtTask = DiscoverTxtAsync(domain, txtBranch, lookups.Token);
            var fetchTask = FetchPolicyAsync(domain, fetchBranch, lookups.Token);
            var mxTask = companions ? context.Dns.MxAsync(domain, lookups.Token) : null;
            var tlsRptTask = companions ? context.Dns.TxtAsync(WellKnownNames.TlsRptRecordLabel + "." + domain, lookups.Token) : null;
            try
            {
                var txt = await txtTask.ConfigureAwait(false);
                context.Merge(txtBranch);
                if (context.ResolverSilent)
                {
                    // No DNS server answers: what runs alongside would wait out its timeout to learn nothing more.
                    return new PolicyParts(domain, null, null, null);
                }

                var (fetch, policy) = await fetchTask.ConfigureAwait(false);
                context.Merge(fetchBranch);
                return new PolicyParts(domain, txt, fetch, policy)
                {
                    MxAnswer = mxTask == null ? null : await mxTask.ConfigureAwait(false),
                    TlsRptAnswer = tlsRptTask == null ? null : await tlsRptTask.ConfigureAwait(false),
                };
            }
            finally
            {
                lookups.Cancel();
                await SettleAsync(fetchTask, mxTask, tlsRptTask).ConfigureAwait(false);
            }
        }

        /// <summary>Waits for work that was given up on, so that nothing it throws goes unobserved.</summary>
        private static async Task SettleAsync(params Task?[] tasks)
        {
            foreach (var task in tasks)
            {
                try
                {
                    if (task != null)
                    {
                        await task.ConfigureAwait(false);
                    }
                }
                catch (Exception)
                {
                    // Cancelled with the rest of the check, or already reported by the path that awaited it.
                }
            }
        }

        /// <summary>RFC 8461 §3.3: the policy fetched, then parsed strictly.</summary>
        private static async Task<(PolicyFetchResult Fetch, MtaStsPolicy? Policy)> FetchPolicyAsync(string domain, CheckContext context, CancellationToken cancellationToken)
        {
            var fetch = await PolicyFetcher.FetchAsync(domain, context, cancellationToken).ConfigureAwait(false);
            if (fetch.Body == null)
            {
                return (fetch, null);
            }

            var parsed = PolicyParser.Parse(fetch.Body);
            context.AddRange(parsed.Warnings);
            if (parsed.Error != null)
            {
                context.Add(parsed.Error);
                return (fetch, null);
            }

            var policy = parsed.Value!.WithDomain(domain);
            context.Verbose(Messages.Format("CheckPolicyRead", fetch.Url, policy.Mode, string.Join(", ", policy.Mx), policy.MaxAge));
            return (fetch, policy);
        }

        /// <summary>
        /// The STARTTLS probe of every MX (RFC 8461 §4.2), side by side as senders of different messages would be; each in
        /// its own branch, merged in MX order.
        /// </summary>
        private static async Task<IReadOnlyList<SmtpProbeResult>> ProbeMxHostsAsync(IReadOnlyList<MxCoverage> mxHosts, Severity severity, CheckContext context, CancellationToken cancellationToken)
        {
            var branches = mxHosts.Select(_ => context.Branch()).ToList();
            var probes = await Task.WhenAll(mxHosts.Select((mx, i) => SmtpProbe.ProbeAsync(mx.Host, severity, branches[i], cancellationToken))).ConfigureAwait(false);
            foreach (var branch in branches)
            {
                context.Merge(branch);
            }

            return probes;
        }

        /// <summary>RFC 8461 §3.1: the TXT at _mta-sts, CNAMEs followed, strings joined without spaces, exactly one STSv1 record.</summary>
        private static async Task<MtaStsTxtRecord?> DiscoverTxtAsync(string domain, CheckContext context, CancellationToken cancellationToken)
        {
            string name = WellKnownNames.StsRecordLabel + "." + domain;
            var answer = await context.Dns.TxtAsync(name, cancellationToken).ConfigureAwait(false);
            switch (answer.Status)
            {
                case DnsLookupStatus.Failed:
                    context.Unknown(name, name, answer);
                    context.ResolverSilent = answer.NoServerAnswered;
                    return null;
                case DnsLookupStatus.NxDomain:
                case DnsLookupStatus.NoData:
                    context.Error(ErrorCodes.TxtRecordMissing, Messages.Format("CheckTxtMissing", name, domain), "RFC 8461 §3.1", name);
                    await FindMisplacedTxtAsync(domain, name, context, cancellationToken).ConfigureAwait(false);
                    return null;
            }

            var values = answer.Records.Select(DnsTxtText.Join).ToList();
            context.Verbose(Messages.Format("CheckTxtFound", name, string.Join(" | ", values.Select(DomainSyntax.Shown))));
            if (answer.TimeToLive > LongTxtTtl)
            {
                context.Warning(ErrorCodes.TxtTtlLong, Messages.Format("CheckTxtTtlLong", name, (long)answer.TimeToLive.Value.TotalSeconds), "RFC 8461 §8.1", name);
            }
            var discovered = MtaStsTxtRecord.Discover(values);
            context.AddRange(discovered.Warnings);
            if (discovered.Error != null)
            {
                context.Add(discovered.Error);
            }

            return discovered.Value;
        }

        /// <summary>RFC 8461 §3.1: an STSv1 record published at a name senders never ask (the apex, the policy host, the domain twice).</summary>
        private static async Task FindMisplacedTxtAsync(string domain, string expected, CheckContext context, CancellationToken cancellationToken)
        {
            var names = new[] { domain, WellKnownNames.PolicyHost(domain), expected + "." + domain };
            var answers = await Task.WhenAll(names.Select(name => context.Dns.TxtAsync(name, cancellationToken))).ConfigureAwait(false);
            for (int i = 0; i < names.Length; i++)
            {
                string name = names[i];
                var answer = answers[i];
                foreach (string value in answer.Records.Select(DnsTxtText.Join).Where(v => v.StartsWith(WellKnownNames.StsRecordPrefix, StringComparison.OrdinalIgnoreCase)))
                {
                    context.Warning(ErrorCodes.TxtRecordMisplaced, Messages.Format("CheckTxtMisplaced", DomainSyntax.Shown(value), name, expected), "RFC 8461 §3.1", name);
                }
            }
        }

        /// <summary>RFC 8461 §4.1: every MX host (or the implicit MX) must match a pattern; uncovered hosts are named with a fix.</summary>
        private static IReadOnlyList<MxCoverage> CheckMxCoverage(string domain, MtaStsPolicy? policy, DnsAnswer<MxRecordData> answer, CheckContext context)
        {
            List<MxRecordData> records;
            switch (answer.Status)
            {
                case DnsLookupStatus.Failed:
                    context.Unknown(domain + " MX", domain, answer);
                    return Array.Empty<MxCoverage>();
                case DnsLookupStatus.NxDomain:
                    context.Error(ErrorCodes.MxLookupEmpty, Messages.Format("CheckDomainMissing", domain), "RFC 5321 §5.1", domain);
                    return Array.Empty<MxCoverage>();
                case DnsLookupStatus.NoData:
                    context.Verbose(Messages.Format("CheckImplicitMx", domain));
                    records = new List<MxRecordData> { new MxRecordData(0, domain) };
                    break;
                default:
                    records = answer.Records.ToList();
                    break;
            }

            if (records.Any(r => r.IsNullMx))
            {
                context.Info(ErrorCodes.NullMx, Messages.Format("CheckNullMx", domain), "RFC 7505", domain);
                return Array.Empty<MxCoverage>();
            }

            var coverage = records.Select(r => new MxCoverage(r.Host, r.Preference, policy?.Mx.FirstOrDefault(p => p.Matches(r.Host)).Value, null)).ToList();
            if (policy == null)
            {
                return coverage;
            }

            var severity = policy.Mode == PolicyMode.Enforce ? Severity.Error : policy.Mode == PolicyMode.Testing ? Severity.Warning : Severity.Info;
            for (int i = 0; i < coverage.Count; i++)
            {
                var mx = coverage[i];
                if (mx.Covered)
                {
                    continue;
                }

                string suggestion = Suggest(mx.Host, coverage);
                coverage[i] = new MxCoverage(mx.Host, mx.Preference, null, suggestion);
                string key = policy.Mode == PolicyMode.Enforce ? "CheckMxNotCoveredEnforce" : "CheckMxNotCovered";
                context.Add(new Finding(ErrorCodes.MxNotCovered, severity, Messages.Format(key, mx.Host, mx.Preference, string.Join(", ", policy.Mx), suggestion), "RFC 8461 §4.1", Target: mx.Host));
            }

            foreach (var pattern in policy.Mx.Where(p => !records.Any(r => p.Matches(r.Host))))
            {
                context.Warning(ErrorCodes.MxPatternUnused, Messages.Format("CheckMxPatternUnused", pattern.Value, domain), "RFC 8461 §4.1, §10.4", pattern.Value);
            }

            return coverage;
        }

        /// <summary>The mx line that covers <paramref name="host"/>: '*.parent' when a sibling MX shares the parent, else the host.</summary>
        private static string Suggest(string host, IReadOnlyList<MxCoverage> all)
        {
            int dot = host.IndexOf('.');
            string parent = dot > 0 ? host.Substring(dot + 1) : string.Empty;
            bool siblings = parent.IndexOf('.') > 0 && all.Count(m => m.Host.EndsWith("." + parent, StringComparison.Ordinal) && m.Host.IndexOf('.') == m.Host.Length - parent.Length - 1) > 1;
            return "mx: " + (siblings ? "*." + parent : host);
        }

        /// <summary>RFC 8460 §3: the companion record that makes senders report failures; 8461 §5 testing mode relies on it.</summary>
        private static TlsRptRecord? CheckTlsRpt(string domain, PolicyMode? mode, DnsAnswer<IReadOnlyList<string>> answer, CheckContext context)
        {
            string name = WellKnownNames.TlsRptRecordLabel + "." + domain;
            if (answer.Status == DnsLookupStatus.Failed)
            {
                context.Unknown(name, name, answer);
                return null;
            }

            var discovered = TlsRptRecord.Discover(answer.Records.Select(DnsTxtText.Join));
            context.AddRange(discovered.Warnings);
            if (discovered.Error?.Code == ErrorCodes.TlsRptRecordMissing)
            {
                string key = mode == PolicyMode.Testing ? "CheckTlsRptMissingTesting" : "CheckTlsRptMissing";
                context.Warning(ErrorCodes.TlsRptRecordMissing, Messages.Format(key, name, domain), "RFC 8460 §3, RFC 8461 §5", name);
                return null;
            }

            if (discovered.Error != null)
            {
                context.Warning(ErrorCodes.TlsRptRecordInvalid, Messages.Format("CheckTlsRptInvalid", name, discovered.Error.Message), discovered.Error.RfcSection, name);
                return null;
            }

            context.Verbose(Messages.Format("CheckTlsRptFound", name, discovered.Value!.Value));
            return discovered.Value;
        }

        /// <summary>RFC 8461 §3.1, §8.1: the same id with a different body means senders keep the old policy.</summary>
        private static void CheckDrift(string domain, MtaStsTxtRecord? txt, PolicyFetchResult? fetch, PolicyStateStore? state, CheckContext context)
        {
            if (state == null || txt == null || fetch?.Sha256 == null)
            {
                return;
            }

            var previous = state.Get(domain);
            if (previous != null && previous.Id == txt.Id && previous.Sha256 != fetch.Sha256)
            {
                context.Warning(ErrorCodes.IdNotChanged, Messages.Format("CheckIdNotChanged", domain, txt.Id, previous.Seen.UtcDateTime.ToString("u", System.Globalization.CultureInfo.InvariantCulture)), "RFC 8461 §3.1, §8.1", domain);

                // Keep the first hash seen under this id, so the warning stays until the id really changes.
                return;
            }

            state.Set(domain, new PolicyState(txt.Id, fetch.Sha256, context.Options.Clock.UtcNow));
        }

        private readonly struct PolicyParts
        {
            public PolicyParts(string domain, MtaStsTxtRecord? txtRecord, PolicyFetchResult? fetch, MtaStsPolicy? policy)
            {
                Domain = domain;
                TxtRecord = txtRecord;
                Fetch = fetch;
                Policy = policy;
            }

            public string? Domain { get; }

            public MtaStsTxtRecord? TxtRecord { get; }

            public PolicyFetchResult? Fetch { get; }

            public MtaStsPolicy? Policy { get; }

            /// <summary>The domain's MX answer, asked alongside; null for the policy-only check or when DNS is silent.</summary>
            public DnsAnswer<MxRecordData>? MxAnswer { get; init; }

            /// <summary>The TLS-RPT TXT answer (RFC 8460 §3), asked alongside; null like <see cref="MxAnswer"/>.</summary>
            public DnsAnswer<IReadOnlyList<string>>? TlsRptAnswer { get; init; }
        }
    }
}
