using System.Collections.Generic;
using System.Linq;
using System.Diagnostics;
using System.IO;
using System.Net;
using System.Security.Cryptography;
using System.Threading.Tasks;
using System.Threading;
using System;
using MtaSts.Checking.Transport;
using MtaSts.Diagnostics;
using MtaSts.Syntax;
using MtaSts.Policy;
using MtaSts.Resources;

namespace MtaSts.Checking
{
    /// <summary>
    /// Fetches https://mta-sts.&lt;domain&gt;/.well-known/mta-sts.txt under the sender rules of RFC 8461 §3.3: port 443, SNI,
    /// TLS 1.2 or later, a certificate valid for the policy host, no redirects, 200 only, text/plain, at most 64 KiB.
    /// </summary>
    internal static class PolicyFetcher
    {
        private const string Section = "RFC 8461 §3.3";
        private const int InteropBodyBytes = 10240;
        private static readonly TimeSpan InteropTime = TimeSpan.FromSeconds(3);

        public static async Task<PolicyFetchResult> FetchAsync(string domain, CheckContext context, CancellationToken cancellationToken)
        {
            string host = WellKnownNames.PolicyHost(domain);
            var result = new PolicyFetchResult(WellKnownNames.PolicyUrl(domain));
            var lookup = HostAddressLookup.Start(context.Dns, host, cancellationToken);
            var first = await lookup.FirstAsync().ConfigureAwait(false);
            if (first == null)
            {
                var none = await lookup.AllAsync().ConfigureAwait(false);
                if (none.Status == DnsLookupStatus.Failed)
                {
                    context.Unknown(host, host, none);
                }
                else
                {
                    context.Error(ErrorCodes.PolicyHostMissing, Messages.Format("CheckPolicyHostMissing", host, none.Status == DnsLookupStatus.NxDomain ? "NXDOMAIN" : "NODATA"), Section, host);
                }

                return result;
            }

            // The connection starts on the first address to arrive; the rest are tried in the order DNS gives them.
            var stopwatch = Stopwatch.StartNew();
            var connected = first;
            var connection = await TryConnectAsync(host, first, context, cancellationToken).ConfigureAwait(false);
            IReadOnlyList<IPAddress> rest = Array.Empty<IPAddress>();
            if (connection == null)
            {
                rest = Others(await lookup.AllAsync().ConfigureAwait(false), first);
                int next = 0;
                while (connection == null && next < rest.Count)
                {
                    connected = rest[next++];
                    connection = await TryConnectAsync(host, connected, context, cancellationToken).ConfigureAwait(false);
                }

                rest = rest.Skip(next).ToList();
            }

            if (connection == null)
            {
                context.Error(ErrorCodes.PolicyHostUnreachable, Messages.Format("CheckPolicyHostUnreachable", host, context.Options.HttpsPort), Section, host);
                return result;
            }

            result.Address = connected.ToString();

            // RFC 8461 §3.3 names a host, not an address: senders pick any of its addresses, so one that does not answer
            // (often a broken IPv6 path) fails some of them. Those are tried while this connection does its TLS and GET.
            var othersAt = context.Mark();
            var othersBranch = context.Branch();
            var others = connected == first
                ? TryOthersAsync(host, lookup, first, othersBranch, cancellationToken)
                : TryEachAsync(host, rest, othersBranch, cancellationToken);
            try
            {
                return await ReadPolicyAsync(domain, host, connection, connected, result, stopwatch, context, cancellationToken).ConfigureAwait(false);
            }
            finally
            {
                await others.ConfigureAwait(false);
                context.Merge(othersBranch, othersAt);
            }
        }

        private static IReadOnlyList<IPAddress> Others(DnsAnswer<IPAddress> all, IPAddress first) => all.Records.Where(a => !a.Equals(first)).ToList();

        private static async Task TryOthersAsync(string host, HostAddressLookup lookup, IPAddress first, CheckContext context, CancellationToken cancellationToken) =>
            await TryEachAsync(host, Others(await lookup.AllAsync().ConfigureAwait(false), first), context, cancellationToken).ConfigureAwait(false);

        private static async Task TryEachAsync(string host, IReadOnlyList<IPAddress> addresses, CheckContext context, CancellationToken cancellationToken)
        {
            foreach (var address in addresses)
            {
                using var other = await TryConnectAsync(host, address, context, cancellationToken).ConfigureAwait(false);
            }
        }

        /// <summary>TLS, the GET and the answer's checks on the connection made.</summary>
        private static async Task<PolicyFetchResult> ReadPolicyAsync(string domain, string host, TlsConnection connection, IPAddress address, PolicyFetchResult result, Stopwatch stopwatch,
            CheckContext context, CancellationToken cancellationToken)
        {
            using (connection)
            {
                context.Verbose(Messages.Format("CheckConnected", host, result.Address, context.Options.HttpsPort));
                try
                {
                    await connection.StartTlsAsync(host, context.Options.Timeout, cancellationToken, OfflineChainPolicy.ForHandshake(context.Options.TrustedRoots, context.Options.LearnedRoots, context.Now)).ConfigureAwait(false);
                }
                catch (Exception ex) when (NetworkTimeout.IsNetworkFailure(ex))
                {
                    context.Error(ErrorCodes.PolicyTlsFailed, Messages.Format("CheckPolicyTlsFailed", host, NetworkTimeout.Describe(ex)), "RFC 8461 §3.3, §7.2", host);
                    return result;
                }

                (result.TlsProtocol, result.Certificate) = TlsJudgement.Judge(connection, host, policyHost: true, Section, Severity.Error, context);

                HttpResponse response;
                try
                {
                    response = await NetworkTimeout.Within(HttpResponse.GetAsync(connection.Stream, host, WellKnownNames.PolicyPath, PolicyParser.MaxPolicyBytes, cancellationToken),
                        context.Options.Timeout, connection.Dispose, host, cancellationToken).ConfigureAwait(false);
                }
                catch (NetworkTimeoutException)
                {
                    context.Error(ErrorCodes.PolicyTimeout, Messages.Format("CheckPolicyTimeout", result.Url, context.Options.Timeout.TotalSeconds), Section, result.Url);
                    return result;
                }
                catch (Exception ex) when (NetworkTimeout.IsNetworkFailure(ex))
                {
                    context.Error(ErrorCodes.PolicyHttpInvalid, Messages.Format("CheckPolicyHttpInvalid", result.Url, NetworkTimeout.Describe(ex)), Section, result.Url);
                    return result;
                }

                result.Elapsed = stopwatch.Elapsed;
                result.StatusCode = response.StatusCode;
                result.ContentType = response.Header("Content-Type");
                result.Location = response.Header("Location");
                context.Verbose(Messages.Format("CheckHttpAnswer", result.Url, response.StatusCode, result.ContentType ?? "-", response.Body.Length, (int)result.Elapsed.TotalMilliseconds));
                if (!CheckResponse(response, result, context))
                {
                    if (response.StatusCode == 404)
                    {
                        await FindMisplacedPolicyAsync(domain, host, result.Url, address, context, cancellationToken).ConfigureAwait(false);
                    }

                    return result;
                }

                result.Body = response.Body;
                using var sha = SHA256.Create();
                result.Sha256 = BitConverter.ToString(sha.ComputeHash(response.Body)).Replace("-", string.Empty).ToLowerInvariant();
                return result;
            }
        }

        /// <summary>After a 404, the places a policy file is often put by mistake instead of RFC 8461 §3.3's well-known path.</summary>
        private static async Task FindMisplacedPolicyAsync(string domain, string host, string url, IPAddress hostAddress, CheckContext context, CancellationToken cancellationToken)
        {
            var apex = await HostAddressLookup.AllAsync(context.Dns, domain, cancellationToken).ConfigureAwait(false);
            var candidates = new List<(string Host, IPAddress Address, string Path)> { (host, hostAddress, "/mta-sts.txt") };
            if (apex.Status == DnsLookupStatus.Found)
            {
                candidates.Add((domain, apex.Records[0], WellKnownNames.PolicyPath));
            }

            foreach (var (candidateHost, candidateAddress, path) in candidates)
            {
                if (await AnswersOkAsync(candidateHost, candidateAddress, path, context, cancellationToken).ConfigureAwait(false))
                {
                    string found = "https://" + candidateHost + path;
                    context.Warning(ErrorCodes.PolicyMisplaced, Messages.Format("CheckPolicyMisplaced", found, url), Section, found);
                }
            }
        }

        /// <summary>Whether GET https://host/path answers 200; any failure is a plain no.</summary>
        private static async Task<bool> AnswersOkAsync(string host, IPAddress address, string path, CheckContext context, CancellationToken cancellationToken)
        {
            try
            {
                using var connection = await TlsConnection.ConnectAsync(address, context.Options.HttpsPort, context.Options.Timeout, cancellationToken).ConfigureAwait(false);
                await connection.StartTlsAsync(host, context.Options.Timeout, cancellationToken).ConfigureAwait(false);
                var response = await NetworkTimeout.Within(HttpResponse.GetAsync(connection.Stream, host, path, PolicyParser.MaxPolicyBytes, cancellationToken),
                    context.Options.Timeout, connection.Dispose, host, cancellationToken).ConfigureAwait(false);
                return response.StatusCode == 200;
            }
            catch (Exception ex) when (NetworkTimeout.IsNetworkFailure(ex))
            {
                return false;
            }
        }

        /// <summary>A connection to one address of the policy host, or null with a warning naming the address.</summary>
        private static async Task<TlsConnection?> TryConnectAsync(string host, IPAddress address, CheckContext context, CancellationToken cancellationToken)
        {
            try
            {
                return await TlsConnection.ConnectAsync(address, context.Options.HttpsPort, context.Options.Timeout, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (NetworkTimeout.IsNetworkFailure(ex))
            {
                context.Warning(ErrorCodes.PolicyAddressUnreachable, Messages.Format("CheckAddressUnreachable", host, address, context.Options.HttpsPort, NetworkTimeout.Describe(ex)), Section, host);
                return null;
            }
        }


        internal static bool CheckResponse(HttpResponse response, PolicyFetchResult result, CheckContext context)
        {
            if (response.StatusCode >= 300 && response.StatusCode < 400)
            {
                context.Error(ErrorCodes.PolicyRedirect, Messages.Format("CheckPolicyRedirect", result.Url, response.StatusCode, result.Location ?? "-"), Section, result.Url);
                return false;
            }

            if (response.StatusCode != 200)
            {
                context.Error(ErrorCodes.PolicyHttpStatus, Messages.Format("CheckPolicyStatus", result.Url, response.StatusCode), Section, result.Url);
                return false;
            }

            string? contentType = result.ContentType;
            string mediaType = contentType == null ? string.Empty : HeaderValue.MediaType(contentType);
            if (contentType == null)
            {
                context.Error(ErrorCodes.PolicyContentType, Messages.Format("CheckContentTypeMissing", result.Url), "RFC 8461 §3.2", result.Url);
            }
            else if (mediaType != "text/plain")
            {
                context.Error(ErrorCodes.PolicyContentType, Messages.Format("CheckContentTypeWrong", result.Url, mediaType), "RFC 8461 §3.2", result.Url);
            }
            else
            {
                string? charset = HeaderValue.Parameter(contentType, "charset");
                if (charset != null && !charset.Equals("utf-8", StringComparison.OrdinalIgnoreCase) && !charset.Equals("us-ascii", StringComparison.OrdinalIgnoreCase))
                {
                    context.Warning(ErrorCodes.PolicyCharset, Messages.Format("CheckCharset", result.Url, charset), "RFC 8461 §3.2", result.Url);
                }
            }

            if (response.BodyTooLarge)
            {
                context.Error(ErrorCodes.PolicyTooLarge, Messages.Format("CheckBodyTooLarge", result.Url, PolicyParser.MaxPolicyBytes), Section, result.Url);
                return false;
            }

            if (response.Body.Length > InteropBodyBytes)
            {
                context.Warning(ErrorCodes.PolicyLarge, Messages.Format("CheckBodyLarge", result.Url, response.Body.Length, InteropBodyBytes), Section, result.Url);
            }

            if (result.Elapsed > InteropTime)
            {
                context.Warning(ErrorCodes.PolicySlow, Messages.Format("CheckPolicySlow", result.Url, result.Elapsed.TotalSeconds), Section, result.Url);
            }

            return true;
        }
    }
}
