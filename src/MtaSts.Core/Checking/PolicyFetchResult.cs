using System;

namespace MtaSts.Checking
{
    /// <summary>What a sender's HTTPS GET of the policy URL returned (RFC 8461 §3.3).</summary>
    public sealed class PolicyFetchResult
    {
        internal PolicyFetchResult(string url)
        {
            Url = url;
        }

        public string Url { get; }

        /// <summary>The address that answered.</summary>
        public string? Address { get; internal set; }

        public string? TlsProtocol { get; internal set; }

        public CertificateReport? Certificate { get; internal set; }

        public int? StatusCode { get; internal set; }

        /// <summary>The Location header of a redirect, which senders never follow.</summary>
        public string? Location { get; internal set; }

        public string? ContentType { get; internal set; }

        /// <summary>From the start of the connection to the last byte of the body.</summary>
        public TimeSpan Elapsed { get; internal set; }

        /// <summary>The raw body of a 200 response, at most 64 KiB.</summary>
        public byte[]? Body { get; internal set; }

        /// <summary>The SHA-256 of <see cref="Body"/>, in lowercase hex: what the id-drift check compares.</summary>
        public string? Sha256 { get; internal set; }

        /// <summary>A 200 response with a body a sender would go on to parse.</summary>
        public bool Succeeded => Body != null;
    }
}
