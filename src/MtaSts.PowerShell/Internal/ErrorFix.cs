using System.Management.Automation;
using MtaSts.PowerShell.Resources;

namespace MtaSts.PowerShell.Internal
{
    /// <summary>The fix for an error id (Resources/Fixes*.restext), in the UI culture, put where PowerShell shows it.</summary>
    internal static class ErrorFix
    {
        /// <summary>The fix for <paramref name="errorId"/>, or null when there is none to give.</summary>
        public static string? For(string errorId) => Messages.Fixes.TryGet(errorId);

        /// <summary>Sets ErrorDetails.RecommendedAction of <paramref name="record"/> to the fix for its error id, keeping its message.</summary>
        public static ErrorRecord Attach(ErrorRecord record)
        {
            string? fix = For(record.FullyQualifiedErrorId);
            if (fix != null)
            {
                record.ErrorDetails ??= new ErrorDetails(record.Exception.Message);
                record.ErrorDetails.RecommendedAction = fix;
            }

            return record;
        }
    }
}
