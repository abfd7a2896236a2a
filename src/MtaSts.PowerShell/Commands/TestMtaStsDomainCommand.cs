using System;
using System.IO;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using MtaSts.Checking;
using MtaSts.Json;
using MtaSts.PowerShell.Internal;
using MtaSts.PowerShell.Resources;

namespace MtaSts.PowerShell.Commands
{
    /// <summary>
    /// Test-MtaStsDomain: checks live deployments the way a sending server meets them (RFC 8461 §3–§5, §7)
    /// and writes one result per domain as soon as it is ready, with an overall status and findings.
    /// </summary>
    [Cmdlet(VerbsDiagnostic.Test, "MtaStsDomain", HelpUri = HelpPages + "Test-MtaStsDomain.md")]
    [OutputType(typeof(MtaStsDomainCheck))]
    public sealed class TestMtaStsDomainCommand : LiveCheckCmdlet
    {
        private PolicyStateStore? state;
        private string? statePath;

        /// <summary>Also connect to every MX host on port 25 and check STARTTLS, TLS 1.2+ and its certificate (RFC 8461 §4.2).</summary>
        [Parameter]
        public SwitchParameter IncludeSmtp { get; set; }

        /// <summary>A JSON file remembering each domain's id and policy hash, to flag a policy changed without a new id.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? StatePath { get; set; }

        protected override void BeginProcessing()
        {
            base.BeginProcessing();
            if (StatePath == null)
            {
                return;
            }

            try
            {
                statePath = FileSystemPath(StatePath);
                // Checked before the run, so that a path that cannot take the file fails now and not after every check.
                bool exists = File.Exists(statePath);
                state = PolicyStateFile.Read(statePath);
                WriteVerbose(Messages.Format(exists ? "StateLoaded" : "StateNew", statePath));
            }
            catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException || ex is JsonParseException || ex is FormatException || ex is ArgumentException)
            {
                ThrowTerminatingError(new ErrorRecord(new InvalidDataException(Messages.Format("StateUnreadable", statePath ?? StatePath, ex.Message), ex),
                    "MtaStsStateFileInvalid", ErrorCategory.InvalidData, statePath ?? StatePath));
            }
        }

        private protected override Task<object> RunAsync(string domain, CancellationToken cancellationToken)
        {
            var options = NewOptions();
            options.IncludeSmtp = IncludeSmtp.IsPresent;
            return AsObject(MtaStsChecker.CheckAsync(domain, options, state, cancellationToken));
        }

        private protected override void Write(string domain, object outcome)
        {
            var result = (MtaStsDomainCheck)outcome;
            if (VerboseWanted)
            {
                foreach (string line in result.Log)
                {
                    WriteVerbose(result.Domain + ": " + line);
                }

                WriteVerbose(Messages.Format("CheckSummary", result.Domain, result.Status, result.ErrorCount, result.WarningCount, (int)result.Duration.TotalMilliseconds));
            }

            WriteObject(result);
        }

        private protected override void Finish()
        {
            if (state == null || statePath == null)
            {
                return;
            }

            try
            {
                PolicyStateFile.Save(statePath, state);
            }
            catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException || ex is JsonParseException || ex is FormatException || ex is ArgumentException)
            {
                WriteError(IoError(ex, "MtaStsStateFileWriteFailed", ErrorCategory.WriteError, statePath));
            }
        }
    }
}
