using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Management.Automation;
using MtaSts.Diagnostics;
using MtaSts.Policy;
using MtaSts.PowerShell.Internal;
using MtaSts.PowerShell.Resources;
using MtaSts.Records;

namespace MtaSts.PowerShell.Commands
{
    /// <summary>
    /// Set-MtaStsPolicy: changes a deployed policy file in place (mode, MX patterns, max_age), writing it atomically only
    /// when its bytes change, and returns what changed with the _mta-sts record for the new content. The record's id is
    /// derived from the content, so a re-run with nothing to change gives the same id and changes nothing.
    /// </summary>
    [Cmdlet(VerbsCommon.Set, "MtaStsPolicy", SupportsShouldProcess = true, DefaultParameterSetName = PathSet, HelpUri = HelpPages + "Set-MtaStsPolicy.md")]
    [OutputType(typeof(MtaStsPolicyChange))]
    public sealed class SetMtaStsPolicyCommand : PolicyFileCmdlet
    {
        // An int, not the engine's enum, as a field (see ModuleInitAndCleanup).
        private int mode;

        /// <summary>The Policy Domain the file is served for; the record is made for it.</summary>
        [Parameter(Mandatory = true, ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        public string Domain { get; set; } = string.Empty;

        /// <summary>The new mode: Enforce after clean TLS-RPT reports, None to back out (RFC 8461 §8.3).</summary>
        [Parameter]
        public PolicyMode Mode
        {
            get => (PolicyMode)mode;
            set => mode = (int)value;
        }

        /// <summary>Replaces every mx pattern.</summary>
        [Parameter]
        [MxText]
        public string[]? Mx { get; set; }

        /// <summary>MX patterns to add.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string[]? AddMx { get; set; }

        /// <summary>MX patterns to remove; each must be in the policy.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string[]? RemoveMx { get; set; }

        /// <summary>The new max_age: seconds, or a TimeSpan.</summary>
        [Parameter]
        [SecondsTransformation]
        [ArgumentCompleter(typeof(MaxAgeCompleter))]
        public int MaxAge { get; set; }

        protected override void ProcessRecord()
        {
            foreach (string file in PolicyFiles())
            {
                Set(file);
            }
        }

        private void Set(string file)
        {
            byte[] before;
            try
            {
                before = RegularFile.ReadCapped(file, PolicyParser.MaxPolicyBytes);
            }
            catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException)
            {
                WriteError(PolicyReadError(ex, file));
                return;
            }

            // A file that does not parse is reported with its line and column and left as it is.
            var previous = WriteParseResult(PolicyParser.Parse(before), file, file);
            if (previous != null)
            {
                Change(file, before, previous);
            }
        }

        private void Change(string file, byte[] before, MtaStsPolicy previous)
        {
            MtaStsPolicy current;
            try
            {
                previous = previous.WithDomain(Domain);
                current = Edit().ApplyTo(previous);
            }
            catch (MtaStsFormatException ex)
            {
                WriteFinding(ex, ErrorCategory.InvalidArgument, ex.Finding.Target ?? file);
                return;
            }

            byte[] after = current.ToBytes();
            bool changed = !after.SequenceEqual(before);
            if (changed)
            {
                if (!ShouldProcess(file, Messages.Get("SetPolicyAction")))
                {
                    return;
                }

                try
                {
                    if (!AtomicFile.Write(file, after))
                    {
                        WriteWarning(Messages.Format("ExportOwnerNotKept", file));
                    }
                }
                catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException)
                {
                    WriteError(IoError(ex, "MtaStsPolicyWriteFailed", ErrorCategory.WriteError, file));
                    return;
                }
            }

            var record = MtaStsTxtRecord.Create(current.Domain!, StsId.FromContent(after));
            DateTimeOffset? removable = changed && current.Mode == PolicyMode.None && previous.Mode != PolicyMode.None
                ? DateTimeOffset.UtcNow.AddSeconds(previous.MaxAge)
                : (DateTimeOffset?)null;
            if (VerboseWanted)
            {
                WriteVerbose(Messages.Format(changed ? "SetPolicyWrote" : "SetPolicyUnchanged", file, record.Id));
            }

            WriteObject(new MtaStsPolicyChange(current.Domain!, file, previous, current, changed, record, removable, Steps(changed, record, removable, previous)));
        }

        private PolicyEdit Edit()
        {
            var bound = MyInvocation.BoundParameters;
            return new PolicyEdit
            {
                Mode = bound.ContainsKey(nameof(Mode)) ? Mode : (PolicyMode?)null,
                Mx = Mx == null ? null : Mx.Select(MxPattern.Parse).ToList(),
                AddMx = (AddMx ?? Array.Empty<string>()).Select(MxPattern.Parse).ToList(),
                RemoveMx = (RemoveMx ?? Array.Empty<string>()).Select(MxPattern.Parse).ToList(),
                MaxAge = bound.ContainsKey(nameof(MaxAge)) ? MaxAge : (int?)null,
            };
        }

        private static IReadOnlyList<string> Steps(bool changed, MtaStsTxtRecord record, DateTimeOffset? removable, MtaStsPolicy previous)
        {
            if (!changed)
            {
                return new[] { Messages.Format("SetStepNothing", record.Id) };
            }

            var steps = new List<string> { Messages.Format("SetStepPublish", record.Fqdn, record.Value) };
            if (removable != null)
            {
                steps.Add(Messages.Format("SetStepRemoveAfter", removable.Value.UtcDateTime, previous.MaxAge, record.Fqdn));
            }

            return steps;
        }
    }
}
