using System.Management.Automation;

namespace MtaSts.PowerShell.Internal
{
    /// <summary>
    /// What the cmdlets that write one policy file share: -Path is a web root (the file is
    /// &lt;root&gt;/.well-known/mta-sts.txt) and -LiteralPath the file itself, both file-system paths.
    /// </summary>
    public abstract class PolicyFileCmdlet : MtaStsCmdlet
    {
        protected const string PathSet = "Path";
        protected const string LiteralPathSet = "LiteralPath";

        /// <summary>The web root: the file is &lt;root&gt;/.well-known/mta-sts.txt.</summary>
        [Parameter(Mandatory = true, Position = 0, ParameterSetName = PathSet, ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        public string Path { get; set; } = string.Empty;

        /// <summary>The exact file path.</summary>
        [Parameter(Mandatory = true, ParameterSetName = LiteralPathSet, ValueFromPipelineByPropertyName = true)]
        [Alias("PSPath", "LP")]
        [ValidateNotNullOrEmpty]
        public string LiteralPath { get; set; } = string.Empty;

        /// <summary>The policy file the parameters name, or null after an error that says why there is none.</summary>
        private protected string? PolicyFile()
        {
            string given = ParameterSetName == PathSet ? Path : LiteralPath;
            try
            {
                return ParameterSetName == PathSet ? WellKnownNames.PolicyFile(FileSystemPath(Path)) : FileSystemPath(LiteralPath);
            }
            catch (PSArgumentException ex)
            {
                WriteError(NotFileSystemError(ex, given));
            }
            catch (SessionStateException ex)
            {
                WriteError(IoError(ex, "MtaStsPathInvalid", ErrorCategory.InvalidArgument, given));
            }

            return null;
        }
    }
}
