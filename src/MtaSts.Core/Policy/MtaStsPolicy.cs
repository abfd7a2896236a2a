using System.Collections.Generic;
using System.Linq;
using System.Text;
using System;
using MtaSts.Diagnostics;
using MtaSts.Resources;
using MtaSts.Syntax;

namespace MtaSts.Policy
{
    /// <summary>
    /// An MTA-STS policy (RFC 8461 §3.2): version STSv1, a mode, the MX patterns in order without duplicates,
    /// and max_age in seconds. Immutable; when it knows its domain it also knows where it must be served.
    /// </summary>
    public sealed class MtaStsPolicy : IEquatable<MtaStsPolicy>
    {
        /// <summary>RFC 8461 §3.2: the largest max_age, 31557600 seconds (one year).</summary>
        public const int MaxMaxAge = 31557600;

        /// <summary>The default max_age of a generated policy: one week.</summary>
        public const int DefaultMaxAge = 604800;

        /// <summary>One day: below this some senders refuse or churn (RFC 8461 §3.2 expects weeks; chasquid rejects 0).</summary>
        public const int RecommendedMinMaxAge = 86400;

        /// <summary>
        /// The max_age a generated policy gets when none is given: a week, or for mode none one day, so that senders
        /// drop a backed-out policy soon after it expires (RFC 8461 §8.3).
        /// </summary>
        public static int DefaultMaxAgeFor(PolicyMode mode) => mode == PolicyMode.None ? RecommendedMinMaxAge : DefaultMaxAge;

        /// <summary>chasquid reads only the first 10 KiB of a policy, so nothing larger is generated.</summary>
        public const int MaxGeneratedBytes = 10240;

        private static readonly ExtensionField[] NoExtensions = new ExtensionField[0];
        private string? text;

        internal MtaStsPolicy(PolicyMode mode, IReadOnlyList<MxPattern> mx, int maxAge, IReadOnlyList<ExtensionField>? extensions, string? domain)
        {
            Mode = mode;
            Mx = mx;
            MaxAge = maxAge;
            Extensions = extensions ?? NoExtensions;
            Domain = domain;
        }

        /// <summary>Always <c>STSv1</c> (RFC 8461 §3.2).</summary>
        public string Version => WellKnownNames.StsVersion;

        public PolicyMode Mode { get; }

        public IReadOnlyList<MxPattern> Mx { get; }

        /// <summary>Seconds a sender may cache the policy (RFC 8461 §3.2).</summary>
        public int MaxAge { get; }

        public IReadOnlyList<ExtensionField> Extensions { get; }

        /// <summary>The Policy Domain, when known.</summary>
        public string? Domain { get; }

        /// <summary>The host that must serve the policy: <c>mta-sts.</c> + domain (RFC 8461 §3.2).</summary>
        public string? PolicyHost => Domain == null ? null : WellKnownNames.PolicyHost(Domain);

        /// <summary>The URL senders fetch: <c>https://mta-sts.&lt;domain&gt;/.well-known/mta-sts.txt</c> (RFC 8461 §3.2).</summary>
        public string? PolicyUrl => Domain == null ? null : WellKnownNames.PolicyUrl(Domain);

        /// <summary>The canonical policy text, every line ended by CRLF.</summary>
        public string Text => text ??= PolicyWriter.Write(this);

        /// <summary>
        /// Builds a policy from validated parts and checks the rules of RFC 8461 §3.2 that span fields:
        /// max_age range, mx required unless the mode is none, and a size every sender reads whole.
        /// </summary>
        public static MtaStsPolicy Create(PolicyMode mode, IEnumerable<MxPattern> mx, int maxAge = DefaultMaxAge, string? domain = null)
        {
            if (mode != PolicyMode.None && mode != PolicyMode.Testing && mode != PolicyMode.Enforce)
            {
                throw new ArgumentOutOfRangeException(nameof(mode), mode, Messages.Get("PolicyModeUnknown"));
            }

            if (maxAge < 0 || maxAge > MaxMaxAge)
            {
                throw new MtaStsFormatException(new Finding(ErrorCodes.MaxAgeOutOfRange, Severity.Error,
                    Messages.Format("PolicyMaxAgeOutOfRange", maxAge, MaxMaxAge, DefaultMaxAge),
                    "RFC 8461 §3.2", Target: maxAge.ToString(System.Globalization.CultureInfo.InvariantCulture)));
            }

            var patterns = Distinct(mx ?? throw new ArgumentNullException(nameof(mx)));
            if (patterns.Length == 0 && mode != PolicyMode.None)
            {
                throw new MtaStsFormatException(new Finding(ErrorCodes.MxRequired, Severity.Error,
                    Messages.Format("PolicyMxRequired", ModeText(mode)),
                    "RFC 8461 §3.2"));
            }

            string? normalizedDomain = domain == null ? null : NormalizeDomain(domain);
            var policy = new MtaStsPolicy(mode, patterns, maxAge, null, normalizedDomain);
            int size = Encoding.UTF8.GetByteCount(policy.Text);
            if (size > MaxGeneratedBytes)
            {
                throw new MtaStsFormatException(new Finding(ErrorCodes.PolicyTooLarge, Severity.Error,
                    Messages.Format("PolicyWouldBeTooLarge", size, MaxGeneratedBytes),
                    "RFC 8461 §3.3"));
            }

            return policy;
        }

        /// <summary>Parses policy text exactly per the RFC 8461 §3.2 ABNF; throws <see cref="MtaStsFormatException"/> on the first error.</summary>
        public static MtaStsPolicy Parse(string text)
        {
            return PolicyParser.Parse(text).GetValueOrThrow();
        }

        /// <summary>The same policy, placed at a domain (which fixes <see cref="PolicyHost"/> and <see cref="PolicyUrl"/>).</summary>
        public MtaStsPolicy WithDomain(string? domain) =>
            new MtaStsPolicy(Mode, Mx, MaxAge, Extensions, domain == null ? null : NormalizeDomain(domain)) { text = text };

        /// <summary>RFC 8461 §4.1: is this MX host covered by one of the policy's patterns?</summary>
        public bool Matches(string mxHost)
        {
            if (!DomainNameInput.TryForComparison(mxHost, out var host))
            {
                return false;
            }

            for (int i = 0; i < Mx.Count; i++)
            {
                if (Mx[i].Matches(host))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>The policy's bytes as served: UTF-8 (in practice ASCII) without a byte order mark.</summary>
        public byte[] ToBytes() => new UTF8Encoding(false).GetBytes(Text);

        /// <summary>Advice about a valid policy: things real senders trip over although the RFC allows them.</summary>
        public IReadOnlyList<Finding> Review()
        {
            var findings = new List<Finding>();
            AddIfAny(findings, PolicyAdvice.ForMaxAge(MaxAge, Mode, 0, 0));
            foreach (var pattern in Mx)
            {
                AddIfAny(findings, PolicyAdvice.ForMx(pattern, 0, 0));
            }

            if (Mode == PolicyMode.None && Mx.Count == 0)
            {
                findings.Add(PolicyAdvice.NoneWithoutMx(0, 0));
            }

            return findings;
        }

        public bool Equals(MtaStsPolicy? other) =>
            other != null
            && other.Mode == Mode
            && other.MaxAge == MaxAge
            && other.Domain == Domain
            && other.Mx.SequenceEqual(Mx)
            && other.Extensions.SequenceEqual(Extensions);

        public override bool Equals(object? obj) => Equals(obj as MtaStsPolicy);

        public override int GetHashCode() => ((int)Mode * 397) ^ MaxAge ^ Mx.Count;

        public override string ToString() => Text;

        internal static string ModeText(PolicyMode mode) => mode switch
        {
            PolicyMode.Enforce => "enforce",
            PolicyMode.Testing => "testing",
            _ => "none",
        };

        internal static string NormalizeDomain(string domain)
        {
            string normalized = DomainNameInput.Normalize(domain, ErrorCodes.DomainInvalid, "DomainInvalidPolicyDomain", "RFC 8461 §3.1, RFC 5321 §4.1.2");
            if (WellKnownNames.StsRecordLabel.Length + 1 + normalized.Length > DomainSyntax.MaxNameLength)
            {
                throw new MtaStsFormatException(new Finding(ErrorCodes.DomainInvalid, Severity.Error,
                    Messages.Format("PolicyDomainTooLong", DomainSyntax.Shown(domain), normalized, DomainSyntax.MaxNameLength),
                    "RFC 8461 §3.1", Target: domain));
            }

            return normalized;
        }

        private static void AddIfAny(List<Finding> findings, Finding? finding)
        {
            if (finding != null)
            {
                findings.Add(finding);
            }
        }

        private static MxPattern[] Distinct(IEnumerable<MxPattern> mx)
        {
            var list = new List<MxPattern>();
            HashSet<MxPattern>? seen = null;
            foreach (var pattern in mx)
            {
                if (pattern.Value == null)
                {
                    continue;
                }

                // A linear look is cheapest for the handful of patterns a policy usually has.
                bool duplicate = seen != null ? !seen.Add(pattern) : list.Contains(pattern);
                if (!duplicate)
                {
                    list.Add(pattern);
                    if (list.Count == 16)
                    {
                        seen = new HashSet<MxPattern>(list);
                    }
                }
            }

            return list.ToArray();
        }
    }
}
