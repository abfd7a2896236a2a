using System;
using System.Management.Automation;
using System.Threading.Tasks;
using System.Threading;
using MtaSts.Checking;
using MtaSts.Diagnostics;
using MtaSts.PowerShell.Internal;
using MtaSts.PowerShell.Resources;

namespace MtaSts.PowerShell.Commands
{
    /// <summary>
    /// Get-MtaStsPolicy: discovers and fetches the policy a sender would use (RFC 8461 §3): the _mta-sts TXT record,
    /// then the HTTPS GET under the sender rules. Problems become errors that name the rule and the fix.
    /// </summary>
    [Cmdlet(VerbsCommon.Get, "MtaStsPolicy", HelpUri = HelpPages + "Get-MtaStsPolicy.md")]
    [OutputType(typeof(MtaStsRemotePolicy))]
    public sealed class GetMtaStsPolicyCommand : LiveCheckCmdlet
    {
        private protected override Task<object> RunAsync(string domain, CancellationToken cancellationToken) =>
            AsObject(MtaStsChecker.GetPolicyAsync(domain, NewOptions(), cancellationToken));

        private protected override void Write(string domain, object outcome)
        {
            var result = ((MtaStsRemotePolicy? Policy, MtaStsDomainCheck Check))outcome;
            var check = result.Check;
            if (VerboseWanted)
            {
                foreach (string line in check.Log)
                {
                    WriteVerbose(check.Domain + ": " + line);
                }
            }

            foreach (var finding in check.Findings)
            {
                if (finding.Severity == Severity.Error || finding.Code == ErrorCodes.DnsLookupFailed)
                {
                    var exception = FindingException.Create(finding);
                    var record = new ErrorRecord(exception, finding.Code, Category(finding, exception), finding.Target ?? check.Domain)
                    {
                        ErrorDetails = new ErrorDetails(check.Domain + ": " + finding),
                    };
                    WriteError(record);
                }
                else if (finding.Severity == Severity.Warning)
                {
                    WriteWarning(check.Domain + ": " + finding);
                }
                else
                {
                    WriteVerbose(check.Domain + ": " + finding);
                }
            }

            if (result.Policy != null)
            {
                WriteObject(result.Policy);
            }
        }

        private static ErrorCategory Category(Finding finding, Exception exception)
        {
            switch (finding.Code)
            {
                case ErrorCodes.TxtRecordMissing:
                case ErrorCodes.PolicyHostMissing:
                case ErrorCodes.PolicyHttpStatus:
                    return ErrorCategory.ObjectNotFound;
                case ErrorCodes.DnsLookupFailed:
                case ErrorCodes.PolicyHostUnreachable:
                case ErrorCodes.PolicyAddressUnreachable:
                case ErrorCodes.PolicyTimeout:
                    return ErrorCategory.ResourceUnavailable;
                case ErrorCodes.DomainInvalid:
                    return ErrorCategory.InvalidArgument;
                default:
                    return exception is System.Security.Authentication.AuthenticationException ? ErrorCategory.SecurityError : ErrorCategory.InvalidData;
            }
        }
    }
}
