using System.Management.Automation;
using MtaSts.PowerShell.Resources;

namespace MtaSts.PowerShell
{
    /// <summary>
    /// The words the module's format views add around values ("no answer", "NOT COVERED"…), in the UI culture, from
    /// Resources/Views*.restext. Text arguments are escaped as in messages. Public for the views; it names no engine type,
    /// since PowerShell lists the public types before the engine can be loaded (see ModuleInitAndCleanup).
    /// </summary>
    public static class ViewText
    {
        /// <summary>The view text with this key (Resources/Views.restext).</summary>
        public static string Get(string key) => Messages.Views.Get(key);

        /// <summary>The view text with this key, its placeholders filled in.</summary>
        public static string Format(string key, params object?[] args)
        {
            for (int i = 0; i < args.Length; i++)
            {
                if (args[i] is PSObject wrapped)
                {
                    args[i] = wrapped.BaseObject;
                }
            }

            return Messages.Views.Format(key, args);
        }
    }
}
