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
    /// streamed: each file is read, written out and let go. A bad, truncated or oversized file is reported and
    /// the others go on.
    /// </summary>
    [Cmdlet(VerbsData.Import, "TlsRptReport", DefaultParameterSetName = PathSet)]
    [OutputType(typeof(TlsRptReport))]
    public sealed class ImportTlsRptReportCommand : ImportCmdlet
    {
        private static readonly string[] ReportPatterns = { "*.json", "*.gz", "*.eml" };

        private ProgressReporter? progress;
        private int filesRead;

        /// <summary>Also read the reports in the folders below a folder.</summary>
        [Parameter]
        public SwitchParameter Recurse { get; set; }

        protected override void ProcessRecord()
        {
            foreach (string path in ResolvePaths())
            {
                if (!Directory.Exists(path))
                {
                    Import(path, 0, 0);
                    continue;
                }

                var files = new List<string>();
                var option = Recurse ? SearchOption.AllDirectories : SearchOption.TopDirectoryOnly;
                try
                {
                    foreach (string pattern in ReportPatterns)
                    {
                        files.AddRange(Directory.EnumerateFiles(path, pattern, option));
                    }
                }
                catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException)
                {
                    WriteError(IoError(ex, "TlsRptReportReadFailed", ErrorCategory.ReadError, path));
                    continue;
                }

                files.Sort(StringComparer.Ordinal);
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
            byte[] bytes;
            try
            {
                var info = new FileInfo(file);
                if (info.Length > TlsRptReportReader.MaxReportBytes)
                {
                    WriteFinding(new Finding(ErrorCodes.TlsRptReportTooLarge, Severity.Error,
                        Messages.Format("ReportFileTooLarge", file, info.Length),
                        "RFC 8460 §5.2", Target: file), ErrorCategory.InvalidData, file);
                    return;
                }

                bytes = File.ReadAllBytes(file);
            }
            catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException)
            {
                var category = ex is FileNotFoundException || ex is DirectoryNotFoundException ? ErrorCategory.ObjectNotFound : ErrorCategory.ReadError;
                WriteError(IoError(ex, "TlsRptReportReadFailed", category, file));
                return;
            }

            var report = WriteParseResult(TlsRptReportReader.Read(bytes, file), file, file);
            if (report != null)
            {
                WriteObject(report);
            }
        }

        private void ReportProgress(string file, int index, int total)
        {
            progress ??= new ProgressReporter(this, Messages.Get("ReportProgressActivity"));
            progress.Report(() => Messages.Format("ReportProgressStatus", filesRead), file, total > 0 ? (int)(100L * index / total) : -1);
        }
    }
}
