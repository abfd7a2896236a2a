using System;
using System.Collections.Generic;
using MtaSts.Policy;
using MtaSts.Records;

namespace MtaSts.Checking
{
    /// <summary>A policy as senders fetch it today: the TXT id that announced it, the parsed policy, and the fetch itself.</summary>
    public sealed class MtaStsRemotePolicy
    {
        internal MtaStsRemotePolicy(string domain, MtaStsTxtRecord? txtRecord, MtaStsPolicy policy, PolicyFetchResult fetch, DateTimeOffset fetchedAt)
        {
            Domain = domain;
            TxtRecord = txtRecord;
            Policy = policy;
            Url = fetch.Url;
            Sha256 = fetch.Sha256!;
            ContentType = fetch.ContentType;
            Certificate = fetch.Certificate;
            FetchedAt = fetchedAt;
        }

        public string Domain { get; }

        /// <summary>The id of the _mta-sts record, or null when there is no valid record (senders would then not fetch the policy).</summary>
        public string? Id => TxtRecord?.Id;

        public PolicyMode Mode => Policy.Mode;

        public IReadOnlyList<MxPattern> Mx => Policy.Mx;

        public int MaxAge => Policy.MaxAge;

        public MtaStsPolicy Policy { get; }

        public MtaStsTxtRecord? TxtRecord { get; }

        public string Url { get; }

        public DateTimeOffset FetchedAt { get; }

        /// <summary>SHA-256 of the body as served, in lowercase hex.</summary>
        public string Sha256 { get; }

        public string? ContentType { get; }

        public CertificateReport? Certificate { get; }

        public override string ToString() => Policy.Text;
    }
}
