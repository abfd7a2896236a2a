using System.Management.Automation;
using MtaSts.PowerShell.Resources;

namespace MtaSts.PowerShell
{
    /// <summary>
    /// The words the module's format views add around values ("no answer", "NOT COVERED"…), in the UI culture, from
    /// the same resources as the messages. Text arguments are escaped as in messages.
    /// </summary>
    public static class ViewText
    {
        /// <summary>The view text with this key (its name in Resources/Messages.restext without the "View" prefix).</summary>
        public static string Get(string key) => Messages.Get("View" + key);

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

            return Messages.Format("View" + key, args);
        }
    }
}
