using System;
using System.Collections;
using System.Globalization;
using System.Linq;
using MtaSts.Syntax;

namespace MtaSts.PowerShell
{
    /// <summary>
    /// What the module's format views call to show text that came from outside (reports, DNS, certificates, servers):
    /// the characters a terminal acts on (ESC, CSI, line separators, bidi controls) are written as \uXXXX, by the same
    /// rule as messages. The objects keep the raw values.
    /// </summary>
    public static class ConsoleText
    {
        /// <summary>One value, escaped; an empty string for null.</summary>
        public static string Escape(object? value) =>
            value == null ? string.Empty : DisplayText.Escape(Convert.ToString(value is System.Management.Automation.PSObject o ? o.BaseObject : value, CultureInfo.InvariantCulture) ?? string.Empty);

        /// <summary>Several values, each escaped, joined by <paramref name="separator"/>; a single value is taken as one.</summary>
        public static string Join(object? values, string separator)
        {
            object? value = values is System.Management.Automation.PSObject o ? o.BaseObject : values;
            return value is IEnumerable items && !(value is string)
                ? string.Join(separator, items.Cast<object?>().Select(Escape))
                : Escape(value);
        }
    }
}
