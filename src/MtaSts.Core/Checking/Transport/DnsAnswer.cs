using System;
using System.Collections.Generic;

namespace MtaSts.Checking.Transport
{
    /// <summary>How a DNS question was answered. Only <see cref="Failed"/> leaves the answer unknown.</summary>
    public enum DnsLookupStatus
    {
        /// <summary>Records of the asked type exist.</summary>
        Found,

        /// <summary>The name exists but has no records of that type (NODATA).</summary>
        NoData,

        /// <summary>The name does not exist (NXDOMAIN).</summary>
        NxDomain,

        /// <summary>SERVFAIL, REFUSED, a timeout or no server reachable: the answer is unknown, not "absent".</summary>
        Failed,
    }

    /// <summary>The records of one DNS question, or why there are none.</summary>
    public sealed class DnsAnswer<T>
    {
        public DnsAnswer(DnsLookupStatus status, IReadOnlyList<T>? records = null, string? error = null, TimeSpan? timeToLive = null, bool noServerAnswered = false,
            bool authenticated = false)
        {
            Status = status;
            Authenticated = authenticated;
            NoServerAnswered = noServerAnswered;
            Records = records ?? Array.Empty<T>();
            Error = error;
            TimeToLive = timeToLive;
        }

        public DnsLookupStatus Status { get; }

        public IReadOnlyList<T> Records { get; }

        /// <summary>What went wrong when <see cref="Status"/> is <see cref="DnsLookupStatus.Failed"/>.</summary>
        public string? Error { get; }

        /// <summary>No DNS server answered at all (a timeout), as opposed to one answering SERVFAIL or REFUSED.</summary>
        public bool NoServerAnswered { get; }

        /// <summary>The smallest TTL of the records found.</summary>
        public TimeSpan? TimeToLive { get; }

        /// <summary>The resolver validated the answer with DNSSEC (the AD flag, RFC 4035 §3.2.3); asked for TLSA only.</summary>
        public bool Authenticated { get; }
    }

    /// <summary>A TLSA record (RFC 6698 §2.1): certificate usage, selector, matching type and the association data.</summary>
    /// <param name="Usage">0 PKIX-TA, 1 PKIX-EE, 2 DANE-TA, 3 DANE-EE.</param>
    /// <param name="Selector">0 the full certificate, 1 its SubjectPublicKeyInfo.</param>
    /// <param name="MatchingType">0 exact, 1 SHA-256, 2 SHA-512.</param>
    /// <param name="Data">The certificate association data.</param>
    public sealed record TlsaRecordData(int Usage, int Selector, int MatchingType, byte[] Data)
    {
        public override string ToString() => $"{Usage} {Selector} {MatchingType} {BitConverter.ToString(Data).Replace("-", string.Empty)}";
    }

    /// <summary>An MX record: its preference and its target host (lowercase, without the trailing dot).</summary>
    public sealed class MxRecordData
    {
        public MxRecordData(int preference, string host)
        {
            Preference = preference;
            Host = host;
        }

        public int Preference { get; }

        public string Host { get; }

        /// <summary>A Null MX (RFC 7505): 'MX 0 .', the domain accepts no mail.</summary>
        public bool IsNullMx => Host.Length == 0;

        public override string ToString() => Preference + " " + (IsNullMx ? "." : Host);
    }
}
