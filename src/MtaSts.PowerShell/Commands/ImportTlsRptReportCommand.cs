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
    /// carrying either, RFC 8460 §5) from files and folders (*.json, *.gz, *.eml), one typed object per report,
    /// streamed: each file is read, written out and let go. A bad, truncated or oversized file, or one that is
    /// not a regular file, is reported and the others go on; a second copy of a report is left out.
    /// </summary>
    [Cmdlet(VerbsData.Import, "TlsRptReport", DefaultParameterSetName = PathSet, HelpUri = HelpPages + "Import-TlsRptReport.md")]
    [OutputType(typeof(TlsRptReport))]
    public sealed class ImportTlsRptReportCommand : ImportCmdlet
    {
        private static readonly string[] ReportExtensions = { ".json", ".gz", ".eml", ".jsonl", ".ndjson" };
        private static readonly string[] LinesExtensions = { ".jsonl", ".ndjson" };
        private static readonly string[] MaildirFolders = { "cur", "new", "tmp" };
        private readonly System.Collections.Generic.Dictionary<string, bool> maildirs = new System.Collections.Generic.Dictionary<string, bool>(StringComparer.Ordinal);

        private readonly ReportDeduplicator copies = new ReportDeduplicator();
        private FolderWalker? walker;
        private ProgressReporter? progress;
        private int filesRead;

        /// <summary>Also read the reports in the folders below a folder.</summary>
        [Parameter]
        public SwitchParameter Recurse { get; set; }

        protected override void ProcessRecord()
        {
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

                for (int i = 0; i < files.Count; i++)
                {
                    Import(files[i], i, files.Count);
                }
            }
        }

        protected override void EndProcessing()
        {
            progress?.Complete();
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
