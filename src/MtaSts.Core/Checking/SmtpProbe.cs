using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Net;
using System.Text;
using System.Threading.Tasks;
using System.Threading;
using System;
using MtaSts.Checking.Transport;
using MtaSts.Diagnostics;
using MtaSts.Resources;

namespace MtaSts.Checking
{
    /// <summary>
    /// Connects to an MX host on port 25 the way a sending MTA does: banner, EHLO, STARTTLS with SNI = the MX name, then
    /// judges the certificate against that name (RFC 8461 §4.2, §7.1; RFC 3207). Port 25 that cannot be reached is
    /// "not tested", since many networks block it outbound.
    /// </summary>
    internal static class SmtpProbe
    {
        private const int MaxReplyLineOctets = 512;
        private const int MaxReplyLines = 100;

        public static async Task<SmtpProbeResult> ProbeAsync(string host, Severity severity, CheckContext context, CancellationToken cancellationToken)
        {
            // The TLSA question goes out with the address questions; it is judged only when the MX has an address.
            var daneBranch = context.Branch();
            var daneTask = LookUpDaneAsync(host, daneBranch, cancellationToken);
            var addresses = await HostAddressLookup.AllAsync(context.Dns, host, cancellationToken).ConfigureAwait(false);
            if (addresses.Status != DnsLookupStatus.Found)
            {
                try
                {
                    await daneTask.ConfigureAwait(false);
                }
                catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
                {
                }

                if (addresses.Status == DnsLookupStatus.Failed)
                {
                    context.Unknown(host, host, addresses);
                    return new SmtpProbeResult(host, SmtpProbeStatus.NotTested, Array.Empty<SmtpAddressProbe>());
                }

                context.Add(new Finding(ErrorCodes.SmtpTlsFailed, severity, Messages.Format("CheckMxNoAddress", host), "RFC 5321 §5.1", Target: host));
                return new SmtpProbeResult(host, SmtpProbeStatus.Failed, Array.Empty<SmtpAddressProbe>());
            }

            var dane = await daneTask.ConfigureAwait(false);
            context.Merge(daneBranch);

            // Senders try every address of an MX (RFC 5321 §5.1), so each must pass on its own: probed side by side, each
            // in its own branch, merged in DNS order with the address named in each finding.
            var branches = addresses.Records.Select(_ => context.Branch()).ToList();
            var probes = await Task.WhenAll(addresses.Records.Select((address, i) => ProbeAddressAsync(host, address, dane, severity, branches[i], cancellationToken))).ConfigureAwait(false);
            for (int i = 0; i < branches.Count; i++)
            {
                var findings = branches[i].Findings;
                for (int j = 0; j < findings.Count; j++)
                {
                    findings[j] = findings[j] with { Message = Messages.Format("CheckSmtpAtAddress", addresses.Records[i], findings[j].Message) };
                }

                context.Merge(branches[i]);
            }

            return new SmtpProbeResult(host, SmtpProbeResult.Overall(probes), probes) { Dane = dane };
        }

        /// <summary>
        /// RFC 7672 §2.2: the TLSA records of the MX, asked with the DNSSEC OK bit. Only an authenticated answer with a
        /// usable record puts the MX under DANE for the senders that support it.
        /// </summary>
        private static async Task<DaneResult?> LookUpDaneAsync(string host, CheckContext context, CancellationToken cancellationToken)
        {
            string name = Dane.TlsaName(host);
            var answer = await context.Dns.TlsaAsync(name, cancellationToken).ConfigureAwait(false);
            if (answer.Status == DnsLookupStatus.Failed)
            {
                context.Warning(ErrorCodes.DaneLookupFailed, Messages.Format("CheckDaneLookupFailed", name, answer.Error), "RFC 7672 §2.2", host);
                return null;
            }

            if (answer.Status != DnsLookupStatus.Found)
            {
                return null;
            }

            var usable = answer.Records.Where(Dane.IsUsable).ToList();
            if (!answer.Authenticated)
            {
                context.Warning(ErrorCodes.DaneTlsaUnsigned, Messages.Format("CheckDaneUnsigned", host, name), "RFC 7672 §2.2", host);
            }
            else if (usable.Count == 0)
            {
                context.Warning(ErrorCodes.DaneTlsaUnusable, Messages.Format("CheckDaneUnusable", name), "RFC 7672 §3.1", host);
            }
            else
            {
                context.Info(ErrorCodes.DaneInUse, Messages.Format("CheckDaneInUse", host, name), "RFC 8461 §2, RFC 7672 §2.2", host);
            }

            return new DaneResult(answer.Records, answer.Authenticated, answer.Authenticated && usable.Count > 0);
        }

        private static async Task<SmtpAddressProbe> ProbeAddressAsync(string host, IPAddress address, DaneResult? dane, Severity severity, CheckContext context,
            CancellationToken cancellationToken)
        {
            var result = new SmtpAddressProbe(address.ToString());
            TlsConnection connection;
            try
            {
                connection = await TlsConnection.ConnectAsync(address, context.Options.SmtpPort, context.Options.Timeout, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (NetworkTimeout.IsNetworkFailure(ex))
            {
                context.Info(ErrorCodes.SmtpNotTested, Messages.Format("CheckSmtpNotTested", host, address, context.Options.SmtpPort, NetworkTimeout.Describe(ex)), "RFC 8461 §4.2", host);
                return result;
            }

            using (connection)
            {
                try
                {
                    (result.Banner, result.StartTlsOffered) = await TimedDialogueAsync(connection, context.Options.HelloName, context.Options.Timeout, host, cancellationToken).ConfigureAwait(false);
                }
                catch (Exception ex) when (NetworkTimeout.IsNetworkFailure(ex))
                {
                    context.Add(new Finding(ErrorCodes.SmtpProtocol, severity, Messages.Format("CheckSmtpBroken", host, NetworkTimeout.Describe(ex)), "RFC 5321 §4.2", Target: host));
                    result.Status = SmtpProbeStatus.Failed;
                    return result;
                }

                if (result.StartTlsOffered != true)
                {
                    context.Add(new Finding(ErrorCodes.SmtpNoStartTls, severity, Messages.Format("CheckSmtpNoStartTls", host), "RFC 8461 §4.2, RFC 3207", Target: host));
                    result.Status = SmtpProbeStatus.Failed;
                    return result;
                }

                try
                {
                    await connection.StartTlsAsync(host, context.Options.Timeout, cancellationToken, OfflineChainPolicy.ForHandshake(context.Options.TrustedRoots, context.Options.LearnedRoots, context.Now)).ConfigureAwait(false);
                }
                catch (Exception ex) when (NetworkTimeout.IsNetworkFailure(ex))
                {
                    context.Add(new Finding(ErrorCodes.SmtpTlsFailed, severity, Messages.Format("CheckSmtpTlsFailed", host, NetworkTimeout.Describe(ex)), "RFC 8461 §4.2, §7.2", Target: host));
                    result.Status = SmtpProbeStatus.Failed;
                    return result;
                }

                int before = context.Findings.Count;
                if (dane?.InUse == true && connection.Certificate != null)
                {
                    result.DaneMatches = Dane.Matches(dane.Records, connection.Certificate, connection.SentCertificates);
                    if (result.DaneMatches == false)
                    {
                        // DANE senders refuse the MX whatever the policy's mode says (RFC 7672 §2.2).
                        context.Add(new Finding(ErrorCodes.DaneTlsaMismatch, Severity.Error, Messages.Format("CheckDaneMismatch", host, Dane.TlsaName(host)), "RFC 7672 §3", Target: host));
                    }
                }

                (result.TlsProtocol, result.Certificate) = TlsJudgement.Judge(connection, host, policyHost: false, "RFC 8461 §4.2", severity, context);

                bool refused = context.Findings.Skip(before).Any(f => f.Code != ErrorCodes.CertificateExpiresSoon && f.Code != ErrorCodes.CertificatePartialWildcard);
                result.Status = refused ? SmtpProbeStatus.Failed : SmtpProbeStatus.Passed;
            }

            // RFC 8461 §7.1: the MX may choose its certificate by SNI but must not require it; an IP literal sends none.
            if (result.Status == SmtpProbeStatus.Passed && !await HandshakesWithoutSniAsync(address, context, cancellationToken).ConfigureAwait(false))
            {
                context.Add(new Finding(ErrorCodes.SmtpRequiresSni, severity, Messages.Format("CheckSmtpRequiresSni", host), "RFC 8461 §7.1", Target: host));
                result.Status = SmtpProbeStatus.Failed;
            }

            context.Verbose(Messages.Format("CheckSmtpDone", host, address, result.TlsProtocol ?? "-", result.Status));
            return result;
        }

        private static async Task<bool> HandshakesWithoutSniAsync(IPAddress address, CheckContext context, CancellationToken cancellationToken)
        {
            TlsConnection connection;
            try
            {
                connection = await TlsConnection.ConnectAsync(address, context.Options.SmtpPort, context.Options.Timeout, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (NetworkTimeout.IsNetworkFailure(ex))
            {
                return true; // A second connection that fails says nothing about SNI.
            }

            using (connection)
            {
                try
                {
                    var (_, offered) = await TimedDialogueAsync(connection, context.Options.HelloName, context.Options.Timeout, address.ToString(), cancellationToken).ConfigureAwait(false);
                    if (!offered)
                    {
                        return true;
                    }
                }
                catch (Exception ex) when (NetworkTimeout.IsNetworkFailure(ex))
                {
                    return true;
                }

                try
                {
                    await connection.StartTlsAsync(address.ToString(), context.Options.Timeout, cancellationToken).ConfigureAwait(false);
                    return true;
                }
                catch (Exception ex) when (NetworkTimeout.IsNetworkFailure(ex))
                {
                    // The same dialogue just worked with SNI; only the name sent differs.
                    return false;
                }
            }
        }

        /// <summary>
        /// The dialogue under one absolute deadline. A server that keeps talking (an endless banner, a drip of
        /// continuation lines) is cut at the time limit even when every read completes at once: the dialogue runs on
        /// its own task, and its reads watch the deadline.
        /// </summary>
        private static async Task<(string? Banner, bool StartTlsOffered)> TimedDialogueAsync(TlsConnection connection, string helloName, TimeSpan timeout, string what,
            CancellationToken cancellationToken)
        {
            using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            deadline.CancelAfter(timeout);
            try
            {
                return await NetworkTimeout.Within(Task.Run(() => DialogueAsync(connection.Stream, helloName, deadline.Token), deadline.Token),
                    timeout, connection.Dispose, what, cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                connection.Dispose();
                throw new NetworkTimeoutException(what);
            }
        }

        /// <summary>Banner, EHLO and, when offered, STARTTLS up to its 220 reply; returns the banner and whether STARTTLS was offered.</summary>
        private static async Task<(string? Banner, bool StartTlsOffered)> DialogueAsync(Stream stream, string helloName, CancellationToken cancellationToken)
        {
            var (code, lines) = await ReadReplyAsync(stream, cancellationToken).ConfigureAwait(false);
            string? banner = lines.FirstOrDefault();
            if (code != 220)
            {
                throw new InvalidDataException(Messages.Format("CheckSmtpUnexpectedReply", "220", code, banner));
            }

            await WriteAsync(stream, "EHLO " + helloName, cancellationToken).ConfigureAwait(false);
            (code, lines) = await ReadReplyAsync(stream, cancellationToken).ConfigureAwait(false);
            if (code != 250)
            {
                throw new InvalidDataException(Messages.Format("CheckSmtpUnexpectedReply", "EHLO", code, lines.FirstOrDefault()));
            }

            if (!lines.Skip(1).Any(l => l.Trim().Equals("STARTTLS", StringComparison.OrdinalIgnoreCase)))
            {
                await WriteAsync(stream, "QUIT", cancellationToken).ConfigureAwait(false);
                return (banner, false);
            }

            await WriteAsync(stream, "STARTTLS", cancellationToken).ConfigureAwait(false);
            (code, lines) = await ReadReplyAsync(stream, cancellationToken).ConfigureAwait(false);
            if (code != 220)
            {
                throw new InvalidDataException(Messages.Format("CheckSmtpUnexpectedReply", "STARTTLS", code, lines.FirstOrDefault()));
            }

            return (banner, true);
        }

        private static async Task WriteAsync(Stream stream, string command, CancellationToken cancellationToken)
        {
            byte[] bytes = Encoding.ASCII.GetBytes(command + "\r\n");
            await stream.WriteAsync(bytes, 0, bytes.Length, cancellationToken).ConfigureAwait(false);
            await stream.FlushAsync(cancellationToken).ConfigureAwait(false);
        }

        /// <summary>
        /// One SMTP reply, multi-line aware (RFC 5321 §4.2.1): its code and the text of each line. A line is at most 512
        /// octets with its CRLF (RFC 5321 §4.5.3.1.5) and a reply at most 100 lines, so a hostile server cannot make
        /// the check keep what it sends.
        /// </summary>
        internal static async Task<(int Code, string[] Lines)> ReadReplyAsync(Stream stream, CancellationToken cancellationToken)
        {
            var lines = new System.Collections.Generic.List<string>();
            var line = new StringBuilder();
            var one = new byte[1];
            while (true)
            {
                // Byte by byte, so that nothing of the TLS handshake that follows STARTTLS is read here.
                cancellationToken.ThrowIfCancellationRequested();
                int read = await stream.ReadAsync(one, 0, 1, cancellationToken).ConfigureAwait(false);
                if (read == 0)
                {
                    throw new IOException(Messages.Get("HttpNoResponse"));
                }

                if (one[0] != (byte)'\n')
                {
                    if (line.Length >= MaxReplyLineOctets - 1)
                    {
                        throw new InvalidDataException(Messages.Format("SmtpReplyLineTooLong", MaxReplyLineOctets));
                    }

                    line.Append((char)one[0]);
                    continue;
                }

                string text = line.ToString().TrimEnd('\r');
                line.Clear();
                if (text.Length < 3 || !int.TryParse(text.Substring(0, 3), out int code))
                {
                    throw new InvalidDataException(Messages.Format("CheckSmtpUnexpectedReply", "SMTP", 0, text));
                }

                lines.Add(text.Length > 4 ? text.Substring(4) : string.Empty);
                if (lines.Count > MaxReplyLines)
                {
                    throw new InvalidDataException(Messages.Format("SmtpReplyTooManyLines", MaxReplyLines));
                }

                if (text.Length == 3 || text[3] != '-')
                {
                    return (code, lines.ToArray());
                }
            }
        }
    }
}
