using System;
using System.Collections.ObjectModel;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Runspaces;
using MtaSts.PowerShell.Commands;

namespace MtaSts.Tests.Cmdlets
{
    /// <summary>A PowerShell runspace with the module's cmdlets loaded straight from the assembly.</summary>
    internal sealed class HostedRunspace : IDisposable
    {
        private readonly Runspace runspace;

        public HostedRunspace()
        {
            var state = InitialSessionState.CreateDefault2();
            foreach (var type in typeof(NewMtaStsPolicyCommand).Assembly.GetTypes())
            {
                if (type.GetCustomAttributes(typeof(CmdletAttribute), false).FirstOrDefault() is CmdletAttribute attribute)
                {
                    state.Commands.Add(new SessionStateCmdletEntry(attribute.VerbName + "-" + attribute.NounName, type, null));
                }
            }

            runspace = RunspaceFactory.CreateRunspace(state);
            runspace.Open();
        }

        public Collection<PSObject> Invoke(string script, out ErrorRecord[] errors, out WarningRecord[] warnings)
        {
            using var shell = System.Management.Automation.PowerShell.Create();
            shell.Runspace = runspace;
            shell.AddScript(script);
            var output = shell.Invoke();
            errors = shell.Streams.Error.ToArray();
            warnings = shell.Streams.Warning.ToArray();
            return output;
        }

        public Collection<PSObject> Invoke(string script) => Invoke(script, out _, out _);

        /// <summary>Runs <paramref name="script"/> and returns the progress records it wrote, in order.</summary>
        public ProgressRecord[] InvokeForProgress(string script)
        {
            using var shell = System.Management.Automation.PowerShell.Create();
            shell.Runspace = runspace;
            shell.AddScript(script);
            shell.Invoke();
            return shell.Streams.Progress.ToArray();
        }

        public void Dispose() => runspace.Dispose();
    }
}
