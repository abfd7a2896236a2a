using System.Management.Automation;
using System;
using MtaSts.Diagnostics;

namespace MtaSts.PowerShell.Internal
{
    /// <summary>What every MtaSts cmdlet does the same way: turn core findings into errors, warnings and verbose text.</summary>
    public abstract class MtaStsCmdlet : PSCmdlet
    {
        private bool? verbose;

        /// <summary>
        /// Whether verbose output is wanted (-Verbose, or $VerbosePreference). Per-object messages check it first:
        /// WriteVerbose costs microseconds even when nothing is shown, which adds up over thousands of domains.
        /// </summary>
        /// <summary>Where each cmdlet's help page lives in the repository (Get-Help -Online; the help compiler checks it).</summary>
        internal const string HelpPages = "https://github.com/mtasts/MtaSts/blob/main/docs/en-US/";

        internal bool VerboseWanted => verbose ??= ReadVerbosePreference();

        private bool ReadVerbosePreference()
        {
            if (MyInvocation.BoundParameters.TryGetValue("Verbose", out object? value))
            {
                return value is SwitchParameter flag ? flag.IsPresent : LanguagePrimitives.IsTrue(value);
            }

            // The variable holds whatever was assigned ('Continue' is a string), as PowerShell itself allows.
            return LanguagePrimitives.TryConvertTo(GetVariableValue("VerbosePreference"), out ActionPreference preference)
                && preference != ActionPreference.SilentlyContinue
                && preference != ActionPreference.Ignore;
        }

        /// <summary>Writes a core error as a non-terminating error whose FullyQualifiedErrorId is the finding's code.</summary>
        // No generic constraint on an engine interface here: the runtime resolves constraints when it loads this type,
        // before the engine can be loaded (see ModuleInitAndCleanup).
        internal void WriteFinding(MtaStsFormatException exception, ErrorCategory category, object? target)
        {
            WriteError(new ErrorRecord(exception, exception.Finding.Code, category, target ?? exception.Finding.Target));
        }

        internal void WriteFinding(Finding finding, ErrorCategory category, object? target) =>
            WriteError(new ErrorRecord(FindingException.Create(finding), finding.Code, category, target ?? finding.Target));

        /// <summary>
        /// Every error of the module leaves through here or <see cref="ThrowTerminatingError"/>: the record gets the fix
        /// for its error id as ErrorDetails.RecommendedAction.
        /// </summary>
        internal new void WriteError(ErrorRecord record) => base.WriteError(ErrorFix.Attach(record));

        internal new void ThrowTerminatingError(ErrorRecord record) => base.ThrowTerminatingError(ErrorFix.Attach(record));

        /// <summary>Writes warnings for findings of severity Warning, and verbose text for Info.</summary>
        internal void WriteAdvice(System.Collections.Generic.IEnumerable<Finding> findings, string? source = null)
        {
            string prefix = source == null ? string.Empty : source + ": ";
            foreach (var finding in findings)
            {
                if (finding.Severity == Severity.Info)
                {
                    WriteVerbose(prefix + finding);
                }
                else
                {
                    WriteWarning(prefix + finding);
                }
            }
        }

        /// <summary>Writes a parse result: warnings, then the value or the error (as InvalidData, naming the source).</summary>
        internal T? WriteParseResult<T>(ParseResult<T> result, string? source, object target)
            where T : class
        {
            WriteAdvice(result.Warnings, source);
            if (result.Error != null)
            {
                var exception = new MtaStsFormatException(result.Error);
                string message = source == null ? exception.Message : source + ": " + exception.Message;
                var record = new ErrorRecord(exception, result.Error.Code, ErrorCategory.InvalidData, target)
                {
                    ErrorDetails = new ErrorDetails(message),
                };
                WriteError(record);
            }

            return result.Value;
        }

        /// <summary>A parsed policy, placed at <paramref name="domain"/> when one is given; null after writing why there is none.</summary>
        internal MtaSts.Policy.MtaStsPolicy? ParsedPolicy(ParseResult<MtaSts.Policy.MtaStsPolicy> result, string? source, object target, string? domain)
        {
            var policy = WriteParseResult(result, source, target);
            if (policy == null)
            {
                return null;
            }

            try
            {
                return domain == null ? policy : policy.WithDomain(domain);
            }
            catch (MtaStsFormatException ex)
            {
                WriteFinding(ex, ErrorCategory.InvalidArgument, domain);
                return null;
            }
        }

        /// <summary>
        /// The file-system path a user-given path names, relative paths taken from the PowerShell location. Throws
        /// <see cref="PSArgumentException"/> for a path of another provider (Env:, HKLM:, Variable:), which would
        /// otherwise be read as a relative file name in the process's working folder.
        /// </summary>
        internal string FileSystemPath(string path)
        {
            string resolved = SessionState.Path.GetUnresolvedProviderPathFromPSPath(path, out ProviderInfo provider, out _);
            return provider.Name == "FileSystem" ? resolved : throw NotFileSystem(path, provider);
        }

        /// <summary>
        /// The file-system paths a path with wildcards matches, resolved through the provider (none when nothing matches
        /// a wildcard). Throws <see cref="ItemNotFoundException"/> for a path without wildcards that does not exist, and
        /// <see cref="PSArgumentException"/> for a path of another provider.
        /// </summary>
        internal System.Collections.Generic.IReadOnlyList<string> ResolvedFileSystemPaths(string path)
        {
            var resolved = GetResolvedProviderPathFromPSPath(path, out ProviderInfo provider);
            return provider.Name == "FileSystem" ? resolved : throw NotFileSystem(path, provider);
        }

        /// <summary>The exception for a path of another provider than the file system.</summary>
        internal static PSArgumentException NotFileSystem(string path, ProviderInfo provider) =>
            new PSArgumentException(Resources.Messages.Format("PathNotFileSystem", path, provider.Name));

        /// <summary>The error record (MtaStsPathNotFileSystem) for such a path.</summary>
        internal static ErrorRecord NotFileSystemError(PSArgumentException exception, object target) =>
            new ErrorRecord(exception, "MtaStsPathNotFileSystem", ErrorCategory.InvalidArgument, target);

        /// <summary>The -DnsServer values as end points; a value that is not an address stops the command (MtaStsDnsServerInvalid).</summary>
        internal System.Collections.Generic.IReadOnlyList<System.Net.IPEndPoint> ReadDnsServers(string[]? texts)
        {
            var servers = new System.Collections.Generic.List<System.Net.IPEndPoint>();
            foreach (string text in texts ?? Array.Empty<string>())
            {
                if (!MtaSts.Checking.Transport.DnsServerEndPoint.TryParse(text, out var endPoint))
                {
                    ThrowTerminatingError(new ErrorRecord(new ArgumentException(Resources.Messages.Format("DnsServerInvalid", text)), "MtaStsDnsServerInvalid", ErrorCategory.InvalidArgument, text));
                }

                servers.Add(endPoint!);
            }

            return servers;
        }

        /// <summary>
        /// A policy file that could not be read: a missing one is MtaStsPolicyFileNotFound, naming the file and the web
        /// root it was looked for in, instead of .NET's "Could not find a part of the path".
        /// </summary>
        internal static ErrorRecord PolicyReadError(Exception exception, string file)
        {
            if (exception is System.IO.FileNotFoundException || exception is System.IO.DirectoryNotFoundException)
            {
                string root = WellKnownNames.WebRootOf(file) ?? System.IO.Path.GetDirectoryName(file) ?? file;
                var missing = new System.IO.FileNotFoundException(Resources.Messages.Format("PolicyFileMissing", file, root), file, exception);
                return IoError(missing, "MtaStsPolicyFileNotFound", ErrorCategory.ObjectNotFound, file);
            }

            return ReadError(exception, "MtaStsPolicyReadFailed", file);
        }

        /// <summary>A file that could not be read: ObjectNotFound when it is missing, ReadError otherwise.</summary>
        internal static ErrorRecord ReadError(Exception exception, string id, string file) =>
            IoError(exception, id, exception is System.IO.FileNotFoundException || exception is System.IO.DirectoryNotFoundException ? ErrorCategory.ObjectNotFound : ErrorCategory.ReadError, file);

        internal static ErrorRecord IoError(Exception exception, string id, ErrorCategory category, object target) =>
            new ErrorRecord(exception, id, category, target);
    }
}
