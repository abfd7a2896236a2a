using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using MtaSts.Checking.Transport;
using MtaSts.Diagnostics;
using MtaSts.Policy;
using MtaSts.Resources;

namespace MtaSts.Checking
{
    /// <summary>
    /// A domain's MX hosts as live DNS gives them, to start a policy from: its mx lines must name them (RFC 8461 §3.2,
    /// §4.1). Only a real answer counts; a failed lookup is unknown, never "no MX".
    /// </summary>
    public static class LiveMx
    {
        /// <summary>
        /// The MX host names of <paramref name="domain"/>, most preferred first, each once. Throws
        /// an <see cref="IFindingException"/> when the lookup fails or times out, when the domain does not exist, has no
        /// MX records or publishes a Null MX (RFC 7505).
        /// </summary>
        public static async Task<IReadOnlyList<string>> ReadAsync(string domain, CheckOptions options, CancellationToken cancellationToken)
        {
            string name = MtaStsPolicy.NormalizeDomain(domain);
            var answer = await options.DnsFactory(options).MxAsync(name, cancellationToken).ConfigureAwait(false);
            switch (answer.Status)
            {
                case DnsLookupStatus.Failed:
                    throw FindingException.Create(new Finding(ErrorCodes.DnsLookupFailed, Severity.Error, Messages.Format("CheckDnsFailed", name + " MX", answer.Error),
                        "RFC 8461 §3.2", Target: name) { TimedOut = answer.NoServerAnswered });
                case DnsLookupStatus.NxDomain:
                    throw Problem(ErrorCodes.MxLookupEmpty, Messages.Format("LiveMxNoDomain", name), "RFC 5321 §5.1", name);
                case DnsLookupStatus.NoData:
                    throw Problem(ErrorCodes.MxLookupEmpty, Messages.Format("LiveMxNone", name), "RFC 5321 §5.1, RFC 8461 §3.2", name);
            }

            if (answer.Records.Any(r => r.IsNullMx))
            {
                throw Problem(ErrorCodes.NullMx, Messages.Format("LiveMxNull", name), "RFC 7505 §3", name);
            }

            return answer.Records.OrderBy(r => r.Preference).Select(r => r.Host)
                .Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        }

        private static Exception Problem(string code, string message, string section, string domain) =>
            FindingException.Create(new Finding(code, Severity.Error, message, section, Target: domain));
    }
}
