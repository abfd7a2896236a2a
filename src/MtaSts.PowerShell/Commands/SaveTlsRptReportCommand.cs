using System;
using System.Collections.Generic;
using System.IO;
using System.Management.Automation;
using System.Text;
using MtaSts.PowerShell.Internal;
using MtaSts.PowerShell.Resources;
using MtaSts.TlsRpt;

namespace MtaSts.PowerShell.Commands
{
    /// <summary>
    /// Save-TlsRptReport: adds the reports piped in to a store, one file of JSON Lines (one RFC 8460 report per line),
    /// so that a scheduled import adds up over months and Import-TlsRptReport reads it all back. A report already in
    /// the store (same organisation and report-id, or the same content when it has no report-id) is not added again.
    /// The store is replaced as a whole (<see cref="FileBatch"/>): a crash at any point leaves the old store or the new one.
    /// </summary>
    [Cmdlet(VerbsData.Save, "TlsRptReport", SupportsShouldProcess = true, HelpUri = HelpPages + "Save-TlsRptReport.md")]
    [OutputType(typeof(TlsRptReport))]
    public sealed class SaveTlsRptReportCommand : MtaStsCmdlet, IDisposable
    {
        private static readonly byte[] LineEnd = { (byte)'\n' };
        private static readonly UTF8Encoding Utf8 = new UTF8Encoding(false);
        private readonly FileBatch batch = new FileBatch();
        private readonly HashSet<TextHash> kept = new HashSet<TextHash>();
        private string store = string.Empty;
        private FileStream? staged;
        private int added;

        /// <summary>Reports from Import-TlsRptReport.</summary>
        [Parameter(Mandatory = true, ValueFromPipeline = true)]
        [AllowEmptyCollection]
        public TlsRptReport[] InputObject { get; set; } = Array.Empty<TlsRptReport>();

        /// <summary>The store file; it is created when missing.</summary>
        [Parameter(Mandatory = true, Position = 0)]
        [ValidateNotNullOrEmpty]
        public string Path { get; set; } = string.Empty;

        /// <summary>Return the reports that were added, not those the store had already.</summary>
        [Parameter]
        public SwitchParameter PassThru { get; set; }

        protected override void BeginProcessing()
        {
            try
            {
                store = FileSystemPath(Path);
            }
            catch (PSArgumentException ex)
            {
                ThrowTerminatingError(NotFileSystemError(ex, Path));
            }

            if (!ShouldProcess(store, Messages.Get("StoreSaveAction")))
            {
                return;
            }

            try
            {
                bool exists = File.Exists(store);
                if (!exists && Directory.Exists(store))
                {
                    throw new IOException(Messages.Format("ExportPathIsFolder", store));
                }

                Directory.CreateDirectory(System.IO.Path.GetDirectoryName(store)!);
                staged = batch.Create(store, exists, out bool ownerKept);
                if (!ownerKept)
                {
                    WriteWarning(Messages.Format("ExportOwnerNotKept", store));
                }

                if (exists)
                {
                    CopyStore();
                }
            }
            catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException || ex is NotSupportedException || ex is ArgumentException)
            {
                ThrowTerminatingError(IoError(ex, "TlsRptStoreFailed", ErrorCategory.WriteError, store));
            }
        }

        protected override void ProcessRecord()
        {
            if (staged == null)
            {
                return;
            }

            foreach (var report in InputObject)
            {
                string line = TlsRptReportWriter.ToJsonLine(report);
                if (!kept.Add(ReportDeduplicator.Key(report) ?? TextHash.Of(line)))
                {
                    if (VerboseWanted)
                    {
                        WriteVerbose(Messages.Format("StoreReportKeptAlready", report.ReportId, report.OrganizationName, store));
                    }

                    continue;
                }

                try
                {
                    WriteLine(Utf8.GetBytes(line));
                }
                catch (IOException ex)
                {
                    ThrowTerminatingError(IoError(ex, "TlsRptStoreFailed", ErrorCategory.WriteError, store));
                }

                added++;
                if (PassThru)
                {
                    WriteObject(report);
                }
            }
        }

        protected override void EndProcessing()
        {
            if (staged == null)
            {
                return;
            }

            staged.Dispose();
            if (added == 0)
            {
                // Nothing new: the store stays as it is, untouched, and the copy is dropped.
                batch.Dispose();
                WriteVerbose(Messages.Format("StoreNothingAdded", store));
                return;
            }

            var failed = batch.Commit();
            if (failed.Count > 0)
            {
                ThrowTerminatingError(IoError(failed[0].Error, "TlsRptStoreFailed", ErrorCategory.WriteError, store));
            }

            WriteVerbose(Messages.Format("StoreReportsAdded", added, store, kept.Count));
        }

        /// <summary>Ctrl+C, or an error that stops the pipeline: the copy is removed and the store keeps its old content.</summary>
        public void Dispose()
        {
            staged?.Dispose();
            batch.Dispose();
        }

        /// <summary>
        /// Copies the store's lines into the new file as they are, keeping their reports' identities. A line that is
        /// not a report is kept too, with a warning, so that saving never loses what was there.
        /// </summary>
        private void CopyStore()
        {
            using var stream = RegularFile.OpenRead(store);
            foreach (var line in ReportLines.Read(stream, TlsRptReportReader.MaxReportBytes))
            {
                if (line.Bytes == null || line.IsBlank)
                {
                    if (line.Bytes == null)
                    {
                        throw new IOException(Messages.Format("StoreLineTooLarge", store, line.Number));
                    }

                    continue;
                }

                var read = TlsRptReportReader.Read(line.Bytes);
                if (read.Value == null)
                {
                    WriteWarning(Messages.Format("StoreLineUnreadable", store, line.Number, read.Error!.Message));
                }
                else
                {
                    kept.Add(ReportDeduplicator.Key(read.Value) ?? TextHash.Of(TlsRptReportWriter.ToJsonLine(read.Value)));
                }

                WriteLine(line.Bytes);
            }
        }

        private void WriteLine(byte[] line)
        {
            staged!.Write(line, 0, line.Length);
            staged.Write(LineEnd, 0, 1);
        }
    }
}
