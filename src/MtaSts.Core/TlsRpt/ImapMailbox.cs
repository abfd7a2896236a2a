using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using System.Threading;
using MailKit;
using MailKit.Net.Imap;
using MailKit.Search;
using MailKit.Security;
using MtaSts.Checking.Transport;
using MtaSts.Resources;

namespace MtaSts.TlsRpt
{
    /// <summary>How to reach a mailbox of TLS-RPT report mails over IMAP (RFC 9051), always over TLS.</summary>
    /// <param name="Server">The IMAP server's name or address.</param>
    /// <param name="Port">The server's port, 993 for TLS from the first byte (RFC 8314 §3.3) and 143 for STARTTLS.</param>
    /// <param name="StartTls">Connect in the clear and require STARTTLS (RFC 9051 §6.2.1) instead of TLS from the first byte.</param>
    /// <param name="UserName">The mailbox's user.</param>
    /// <param name="Secret">The password, or with <paramref name="OAuth2"/> the access token.</param>
    /// <param name="OAuth2">Sign in with SASL XOAUTH2 (Exchange Online, Gmail) instead of a password.</param>
    /// <param name="Folder">The folder the reports are in.</param>
    /// <param name="TrustedRoots">Roots to trust besides the system's, for a private CA.</param>
    /// <param name="Timeout">How long one exchange with the server may take.</param>
    public sealed record ImapSettings(string Server, int Port, bool StartTls, string UserName, string Secret, bool OAuth2, string Folder,
        IReadOnlyList<X509Certificate2> TrustedRoots, TimeSpan Timeout);

    /// <summary>One message of the folder: its UID and the size the server gives for it.</summary>
    public readonly struct ImapMessage
    {
        public ImapMessage(uint uid, long size)
        {
            Uid = uid;
            Size = size;
        }

        public uint Uid { get; }

        public long Size { get; }
    }

    /// <summary>
    /// An open IMAP folder of report mails, read through MailKit. Messages are listed with their sizes first, so that
    /// one too large is never downloaded, and read one at a time as raw bytes, which <see cref="TlsRptReportReader"/>
    /// parses like an .eml file. What was read can be marked as seen or moved, as a daily job needs.
    /// </summary>
    public sealed class ImapMailbox : IDisposable
    {
        private readonly ImapClient client;
        private readonly IMailFolder folder;

        private ImapMailbox(ImapClient client, IMailFolder folder, string location)
        {
            this.client = client;
            this.folder = folder;
            Location = location;
        }

        /// <summary>imap://user@server:port/folder, for messages about it (never the secret).</summary>
        public string Location { get; }

        /// <summary>
        /// Connects over TLS, signs in and opens the folder (read-write when <paramref name="writable"/>). Throws
        /// <see cref="IOException"/> for a connection or protocol failure, <see cref="System.Security.Authentication.AuthenticationException"/>
        /// for a refused certificate or sign-in, and <see cref="ArgumentException"/> for a folder that does not exist.
        /// </summary>
        public static ImapMailbox Open(ImapSettings settings, bool writable, CancellationToken cancellationToken)
        {
            var client = new ImapClient { Timeout = (int)Math.Min(int.MaxValue, settings.Timeout.TotalMilliseconds) };
            client.ServerCertificateValidationCallback = (_, certificate, chain, errors) => Trusted(certificate, errors, settings.TrustedRoots);
            try
            {
                var security = settings.StartTls ? SecureSocketOptions.StartTls : SecureSocketOptions.SslOnConnect;
                client.Connect(settings.Server, settings.Port, security, cancellationToken);
                if (settings.OAuth2)
                {
                    client.Authenticate(new SaslMechanismOAuth2(settings.UserName, settings.Secret), cancellationToken);
                }
                else
                {
                    client.Authenticate(settings.UserName, settings.Secret, cancellationToken);
                }

                IMailFolder folder;
                try
                {
                    folder = client.GetFolder(settings.Folder, cancellationToken);
                }
                catch (FolderNotFoundException ex)
                {
                    throw new ArgumentException(Messages.Format("ImapFolderNotFound", settings.Folder), ex);
                }

                folder.Open(writable ? FolderAccess.ReadWrite : FolderAccess.ReadOnly, cancellationToken);
                string location = "imap://" + Uri.EscapeDataString(settings.UserName) + "@" + settings.Server + ":" + settings.Port + "/" + settings.Folder;
                return new ImapMailbox(client, folder, location);
            }
            catch (Exception ex) when (ex is SslHandshakeException || ex is MailKit.Security.AuthenticationException)
            {
                client.Dispose();
                throw new System.Security.Authentication.AuthenticationException(ex is SslHandshakeException ? Messages.Format("ImapCertificateRefused", settings.Server) : ex.Message, ex);
            }
            catch (Exception ex) when (ex is ImapProtocolException || ex is ImapCommandException || ex is ServiceNotConnectedException)
            {
                client.Dispose();
                throw new IOException(ex.Message, ex);
            }
            catch (NotSupportedException ex)
            {
                // MailKit's answer to a server that does not offer STARTTLS: never carry on in the clear.
                client.Dispose();
                throw new IOException(Messages.Format("ImapNoStartTls", settings.Server, settings.Port), ex);
            }
            catch
            {
                client.Dispose();
                throw;
            }
        }

        /// <summary>The folder's messages in UID order, only those without \Seen when <paramref name="unreadOnly"/>.</summary>
        public IReadOnlyList<ImapMessage> List(bool unreadOnly, CancellationToken cancellationToken) => Guard(() =>
        {
            var uids = folder.Search(unreadOnly ? SearchQuery.NotSeen : SearchQuery.All, cancellationToken);
            if (uids.Count == 0)
            {
                return (IReadOnlyList<ImapMessage>)Array.Empty<ImapMessage>();
            }

            return folder.Fetch(uids, new FetchRequest(MessageSummaryItems.UniqueId | MessageSummaryItems.Size), cancellationToken)
                .Select(m => new ImapMessage(m.UniqueId.Id, m.Size ?? 0)).OrderBy(m => m.Uid).ToList();
        });

        /// <summary>A message's raw bytes, at most <paramref name="limit"/> + 1 so a caller can tell it is too large.</summary>
        public byte[] Download(uint uid, int limit, CancellationToken cancellationToken) => Guard(() =>
        {
            using var stream = folder.GetStream(new UniqueId(uid), cancellationToken);
            using var bytes = new MemoryStream();
            var buffer = new byte[81920];
            int read;
            while (bytes.Length <= limit && (read = stream.Read(buffer, 0, buffer.Length)) > 0)
            {
                bytes.Write(buffer, 0, (int)Math.Min(read, limit + 1 - bytes.Length));
            }

            return bytes.ToArray();
        });

        /// <summary>Sets \Seen on the messages (RFC 9051 §2.3.2).</summary>
        public void MarkSeen(IList<uint> uids, CancellationToken cancellationToken) => Guard(() =>
        {
            folder.Store(Uids(uids), new StoreFlagsRequest(StoreAction.Add, MessageFlags.Seen) { Silent = true }, cancellationToken);
            return true;
        });

        /// <summary>Moves the messages to <paramref name="destination"/> (MOVE, RFC 6851, or copy and expunge where the server lacks it).</summary>
        public void Move(IList<uint> uids, string destination, CancellationToken cancellationToken) => Guard(() =>
        {
            IMailFolder target;
            try
            {
                target = client.GetFolder(destination, cancellationToken);
            }
            catch (FolderNotFoundException ex)
            {
                throw new ArgumentException(Messages.Format("ImapFolderNotFound", destination), ex);
            }

            folder.MoveTo(Uids(uids), target, cancellationToken);
            return true;
        });

        public void Dispose()
        {
            try
            {
                if (client.IsConnected)
                {
                    client.Disconnect(true);
                }
            }
            catch (Exception ex) when (ex is IOException || ex is ImapProtocolException || ex is ImapCommandException || ex is OperationCanceledException)
            {
                // The connection is going away anyway.
            }

            client.Dispose();
        }

        private static IList<UniqueId> Uids(IList<uint> uids) => uids.Select(uid => new UniqueId(uid)).ToList();

        /// <summary>MailKit's protocol and command failures as <see cref="IOException"/>, as the cmdlets report I/O.</summary>
        private static T Guard<T>(Func<T> action)
        {
            try
            {
                return action();
            }
            catch (Exception ex) when (ex is ImapProtocolException || ex is ImapCommandException || ex is ServiceNotConnectedException)
            {
                throw new IOException(ex.Message, ex);
            }
        }

        /// <summary>
        /// The system's verdict, or, for a chain the system does not trust, a chain built offline (no AIA download, no
        /// revocation lookup) that ends at one of <paramref name="trustedRoots"/>. A name mismatch is never forgiven.
        /// </summary>
        private static bool Trusted(X509Certificate? certificate, SslPolicyErrors errors, IReadOnlyList<X509Certificate2> trustedRoots)
        {
            if (errors == SslPolicyErrors.None)
            {
                return true;
            }

            if (errors != SslPolicyErrors.RemoteCertificateChainErrors || certificate == null || trustedRoots.Count == 0)
            {
                return false;
            }

            using var leaf = new X509Certificate2(certificate);
            using var chain = new X509Chain { ChainPolicy = OfflineChainPolicy.ForJudgement(trustedRoots, DateTime.UtcNow) };
            if (!chain.Build(leaf) && chain.ChainStatus.Any(s => s.Status != X509ChainStatusFlags.UntrustedRoot && s.Status != X509ChainStatusFlags.NoError))
            {
                return false;
            }

            var root = chain.ChainElements[chain.ChainElements.Count - 1].Certificate;
            return trustedRoots.Any(trusted => trusted.RawData.AsSpan().SequenceEqual(root.RawData));
        }
    }
}
