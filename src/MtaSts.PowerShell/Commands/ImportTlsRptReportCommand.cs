using System.Collections.Generic;
using System.IO;
using System.Management.Automation;
using System;
using MtaSts.Diagnostics;
using MtaSts.PowerShell.Internal;
using MtaSts.PowerShell.Resources;
using MtaSts.TlsRpt;

namespace MtaSts.PowerShell.Commands
{
    /// <summary>
    /// Import-TlsRptReport: reads TLS-RPT reports as they are delivered (JSON, gzip of JSON, or mail messages
    /// carrying either, RFC 8460 §5) from files and folders (*.json, *.gz, *.eml, Maildirs, and stores of one report per
    /// line, *.jsonl), one typed object per report,
    /// streamed: each file is read, written out and let go. A bad, truncated or oversized file, or one that is
    /// not a regular file, is reported and the others go on; a second copy of a report is left out. With -ImapServer the
    /// report mails are read from an IMAP folder instead, over TLS, and can be marked as seen or moved once read.
    /// </summary>
    [Cmdlet(VerbsData.Import, "TlsRptReport", DefaultParameterSetName = PathSet, SupportsShouldProcess = true, HelpUri = HelpPages + "Import-TlsRptReport.md")]
    [OutputType(typeof(TlsRptReport))]
    public sealed class ImportTlsRptReportCommand : ImportCmdlet, IDisposable
    {
        private const string ImapSet = "Imap";

        /// <summary>
        /// The largest report mail read: a report of the 10 MB receivers accept (RFC 8460 §5.2), gzipped or not, in base64
        /// with its line ends, and the mail around it. A larger message is reported without being downloaded.
        /// </summary>
        private const int MaxMessageBytes = TlsRptReportReader.MaxReportBytes / 3 * 4 + (TlsRptReportReader.MaxReportBytes / 38) + 1024 * 1024;

        private static readonly string[] ReportExtensions = { ".json", ".gz", ".eml", ".jsonl", ".ndjson" };
        private static readonly string[] LinesExtensions = { ".jsonl", ".ndjson" };
        private static readonly string[] MaildirFolders = { "cur", "new", "tmp" };
        private readonly System.Collections.Generic.Dictionary<string, bool> maildirs = new System.Collections.Generic.Dictionary<string, bool>(StringComparer.Ordinal);

        private readonly ReportDeduplicator copies = new ReportDeduplicator();
        private readonly System.Threading.CancellationTokenSource stopping = new System.Threading.CancellationTokenSource();
        private FolderWalker? walker;
        private ProgressReporter? progress;
        private int filesRead;

        /// <summary>Also read the reports in the folders below a folder.</summary>
        [Parameter(ParameterSetName = PathSet)]
        [Parameter(ParameterSetName = LiteralPathSet)]
        public SwitchParameter Recurse { get; set; }

        /// <summary>The IMAP server to read report mails from, over TLS.</summary>
        [Parameter(Mandatory = true, ParameterSetName = ImapSet)]
        [ValidateNotNullOrEmpty]
        public string ImapServer { get; set; } = string.Empty;

        /// <summary>The IMAP port; default 993, or 143 with -TlsMode StartTls.</summary>
        [Parameter(ParameterSetName = ImapSet)]
        [ValidateRange(1, 65535)]
        public int Port { get; set; }

        /// <summary>Implicit (TLS from the first byte, RFC 8314) or StartTls (required, never left out); default Implicit, or StartTls on port 143.</summary>
        [Parameter(ParameterSetName = ImapSet)]
        [ValidateSet("Implicit", "StartTls")]
        public string? TlsMode { get; set; }

        /// <summary>The mailbox user and password, or with -Authentication OAuth2 the user and an OAuth 2.0 access token as password.</summary>
        [Parameter(Mandatory = true, ParameterSetName = ImapSet)]
        [Credential]
        public PSCredential Credential { get; set; } = PSCredential.Empty;

        /// <summary>Password (LOGIN or PLAIN) or OAuth2 (SASL XOAUTH2, as Exchange Online and Gmail ask).</summary>
        [Parameter(ParameterSetName = ImapSet)]
        [ValidateSet("Password", "OAuth2")]
        public string Authentication { get; set; } = "Password";

        /// <summary>The folder the report mails are in; default INBOX.</summary>
        [Parameter(ParameterSetName = ImapSet)]
        [ValidateNotNullOrEmpty]
        public string Folder { get; set; } = "INBOX";

        /// <summary>Read only the messages without the \Seen flag.</summary>
        [Parameter(ParameterSetName = ImapSet)]
        public SwitchParameter UnreadOnly { get; set; }

        /// <summary>Set \Seen on each message whose report was read (or was a copy of one read before).</summary>
        [Parameter(ParameterSetName = ImapSet)]
        public SwitchParameter MarkAsRead { get; set; }

        /// <summary>Move each message whose report was read (or was a copy of one read before) to this folder.</summary>
        [Parameter(ParameterSetName = ImapSet)]
        [ValidateNotNullOrEmpty]
        public string? MoveTo { get; set; }

        /// <summary>Root certificates to trust besides the system's, for a server with a private CA: certificates, or paths to PEM/DER files.</summary>
        [Parameter(ParameterSetName = ImapSet)]
        [CertificateTransformation]
        public System.Security.Cryptography.X509Certificates.X509Certificate2[]? TrustedRootCertificate { get; set; }

        /// <summary>Seconds one exchange with the IMAP server may take; default 30.</summary>
        [Parameter(ParameterSetName = ImapSet)]
        [ValidateRange(1, 600)]
        public int TimeoutSec { get; set; } = 30;

        protected override void ProcessRecord()
        {
            if (ParameterSetName == ImapSet)
            {
                ImportMailbox();
                return;
            }

            walker ??= new FolderWalker((path, ex) => WriteError(IoError(ex, "TlsRptReportReadFailed", ErrorCategory.ReadError, path)));
            foreach (string path in ResolvePaths())
            {
                if (!Directory.Exists(path))
                {
                    Import(path, 0, 0);
                    continue;
                }

                var files = walker.Files(path, Recurse, IsReportFile);
                if (files.Count == 0 && !Recurse)
                {
                    HintRecurse(path);
                }

                int done = 0;
                foreach (string file in files.Paths())
                {
                    Import(file, done++, files.Count);
                }
            }
        }

        protected override void EndProcessing()
        {
            progress?.Complete();
        }

        protected override void StopProcessing() => stopping.Cancel();

        public void Dispose() => stopping.Dispose();

        /// <summary>
        /// Reads every message of the folder as a report mail, one at a time. A message that is too large, not a report or
        /// a damaged one is reported and left where it is; the others are marked or moved at the end, once.
        /// </summary>
        private void ImportMailbox()
        {
            bool changes = MarkAsRead || MoveTo != null;
            bool startTls = TlsMode == null ? Port == 143 : TlsMode == "StartTls";
            int port = Port != 0 ? Port : startTls ? 143 : 993;
            var settings = new ImapSettings(ImapServer, port, startTls, Credential.UserName, Credential.GetNetworkCredential().Password, Authentication == "OAuth2", Folder,
                TrustedRootCertificate ?? Array.Empty<System.Security.Cryptography.X509Certificates.X509Certificate2>(), TimeSpan.FromSeconds(TimeoutSec));
            ImapMailbox mailbox;
            try
            {
                mailbox = ImapMailbox.Open(settings, changes, stopping.Token);
            }
            catch (Exception ex) when (ex is IOException || ex is System.Security.Authentication.AuthenticationException || ex is ArgumentException
                || ex is System.Net.Sockets.SocketException || ex is TimeoutException)
            {
                ThrowTerminatingError(IoError(ex, "TlsRptMailboxFailed", ex is ArgumentException ? ErrorCategory.ObjectNotFound
                    : ex is System.Security.Authentication.AuthenticationException ? ErrorCategory.AuthenticationError : ErrorCategory.ConnectionError, ImapServer));
                return;
            }

            using (mailbox)
            {
                var done = new List<uint>();
                try
                {
                    var messages = mailbox.List(UnreadOnly, stopping.Token);
                    if (VerboseWanted)
                    {
                        WriteVerbose(Messages.Format("ImapMessagesFound", messages.Count, mailbox.Location));
                    }

                    for (int i = 0; i < messages.Count; i++)
                    {
                        string source = mailbox.Location + ";UID=" + messages[i].Uid.ToString(System.Globalization.CultureInfo.InvariantCulture);
                        ReportProgress(source, i, messages.Count);
                        if (ImportMessage(mailbox, messages[i], source))
                        {
                            done.Add(messages[i].Uid);
                        }
                    }

                    ApplyChanges(mailbox, done);
                }
                catch (Exception ex) when (ex is IOException || ex is ArgumentException || ex is System.Net.Sockets.SocketException || ex is TimeoutException)
                {
                    ThrowTerminatingError(IoError(ex, "TlsRptMailboxFailed", ErrorCategory.ReadError, mailbox.Location));
                }
            }
        }

        /// <summary>Reads one message; true when its report was read or was a copy of one already read.</summary>
        private bool ImportMessage(ImapMailbox mailbox, ImapMessage message, string source)
        {
            filesRead++;
            if (message.Size > MaxMessageBytes)
            {
                WriteFinding(new Finding(ErrorCodes.TlsRptReportTooLarge, Severity.Error, Messages.Format("ReportMailTooLarge", source, message.Size, MaxMessageBytes / (1024 * 1024)),
                    "RFC 8460 §5.2", Target: source), ErrorCategory.InvalidData, source);
                return false;
            }

            byte[] bytes = mailbox.Download(message.Uid, MaxMessageBytes, stopping.Token);
            if (bytes.Length > MaxMessageBytes)
            {
                WriteFinding(new Finding(ErrorCodes.TlsRptReportTooLarge, Severity.Error, Messages.Format("ReportMailTooLarge", source, bytes.Length, MaxMessageBytes / (1024 * 1024)),
                    "RFC 8460 §5.2", Target: source), ErrorCategory.InvalidData, source);
                return false;
            }

            var report = WriteParseResult(TlsRptReportReader.Read(bytes, source), source, source);
            Write(report, source);
            return report != null;
        }

        private void ApplyChanges(ImapMailbox mailbox, List<uint> done)
        {
            if (done.Count == 0)
            {
                return;
            }

            if (MarkAsRead && ShouldProcess(mailbox.Location, Messages.Format("ImapMarkAction", done.Count)))
            {
                mailbox.MarkSeen(done, stopping.Token);
            }

            if (MoveTo != null && ShouldProcess(mailbox.Location, Messages.Format("ImapMoveAction", done.Count, MoveTo)))
            {
                mailbox.Move(done, MoveTo, stopping.Token);
            }
        }

        protected override string NotFoundErrorId => "TlsRptReportNotFound";

        private void Import(string file, int index, int total)
        {
            filesRead++;
            ReportProgress(file, index, total);
            if (HasExtension(file, LinesExtensions))
            {
                ImportLines(file);
                return;
            }

            byte[] bytes;
            try
            {
                bytes = RegularFile.ReadCapped(file, TlsRptReportReader.MaxReportBytes);
            }
            catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException)
            {
                WriteError(ReadError(ex, "TlsRptReportReadFailed", file));
                return;
            }

            if (bytes.Length > TlsRptReportReader.MaxReportBytes)
            {
                long size = Math.Max(bytes.Length, new FileInfo(file).Length);
                WriteFinding(new Finding(ErrorCodes.TlsRptReportTooLarge, Severity.Error, Messages.Format("ReportFileTooLarge", file, size),
                    "RFC 8460 §5.2", Target: file), ErrorCategory.InvalidData, file);
                return;
            }

            Write(WriteParseResult(TlsRptReportReader.Read(bytes, file), file, file), file);
        }

        /// <summary>A store of Save-TlsRptReport, or any JSON Lines file: one report per line, each line on its own.</summary>
        private void ImportLines(string file)
        {
            try
            {
                using var stream = RegularFile.OpenRead(file);
                foreach (var line in ReportLines.Read(stream, TlsRptReportReader.MaxReportBytes))
                {
                    string source = file + ":" + line.Number.ToString(System.Globalization.CultureInfo.InvariantCulture);
                    if (line.Bytes == null)
                    {
                        WriteFinding(new Finding(ErrorCodes.TlsRptReportTooLarge, Severity.Error, Messages.Format("ReportLineTooLarge", file, line.Number, TlsRptReportReader.MaxReportBytes / (1024 * 1024)),
                            "RFC 8460 §5.2", line.Number, 0, file), ErrorCategory.InvalidData, source);
                    }
                    else if (!line.IsBlank)
                    {
                        Write(WriteParseResult(TlsRptReportReader.Read(line.Bytes, source), source, source), source);
                    }
                }
            }
            catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException)
            {
                WriteError(ReadError(ex, "TlsRptReportReadFailed", file));
            }
        }

        private void Write(TlsRptReport? report, string source)
        {
            if (report == null)
            {
                return;
            }

            if (copies.IsFirst(report))
            {
                WriteObject(report);
            }
            else if (VerboseWanted)
            {
                WriteVerbose(Messages.Format("ReportDuplicateDropped", report.ReportId, report.OrganizationName, source));
            }
        }

        /// <summary>
        /// A folder with no report of its own often keeps them in dated subfolders (2026/11/…), as mail tools save them:
        /// say how many are below and that -Recurse reads them, rather than return nothing without a word.
        /// </summary>
        private void HintRecurse(string folder)
        {
            int below = new FolderWalker((_, _) => { }).Files(folder, recurse: true, IsReportFile).Count;
            if (below > 0)
            {
                WriteWarning(Messages.Format("ReportFolderNeedsRecurse", folder, below));
            }
        }

        /// <summary>A report file by its extension, or a message of a Maildir, whose file names have none.</summary>
        private bool IsReportFile(FileInfo file) => HasExtension(file.Name, ReportExtensions) || IsMaildirMessage(file);

        private static bool HasExtension(string name, string[] extensions) =>
            Array.Exists(extensions, extension => name.EndsWith(extension, StringComparison.OrdinalIgnoreCase));

        /// <summary>
        /// A file in the cur or new folder of a Maildir (a folder with cur, new and tmp), where mail servers such as
        /// Dovecot and Postfix deliver each message as a file of its own. tmp holds messages still being written.
        /// </summary>
        private bool IsMaildirMessage(FileInfo file)
        {
            var folder = file.Directory;
            if (folder?.Parent == null || !(folder.Name == "cur" || folder.Name == "new"))
            {
                return false;
            }

            string maildir = folder.Parent.FullName;
            if (!maildirs.TryGetValue(maildir, out bool isMaildir))
            {
                maildirs[maildir] = isMaildir = Array.TrueForAll(MaildirFolders, name => Directory.Exists(System.IO.Path.Combine(maildir, name)));
            }

            return isMaildir;
        }

        private void ReportProgress(string file, int index, int total)
        {
            progress ??= new ProgressReporter(this, Messages.Get("ReportProgressActivity"));
            progress.Report(() => Messages.Format("ReportProgressStatus", filesRead), file, total > 0 ? (int)(100L * index / total) : -1);
        }
    }
}
