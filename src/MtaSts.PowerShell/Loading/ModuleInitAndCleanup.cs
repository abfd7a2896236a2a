using System.IO;
using System.Management.Automation;
using System.Reflection;

namespace MtaSts.PowerShell
{
    /// <summary>
    /// Keeps the engine (MtaSts.Core) and its third-party assemblies apart from every other module's copies. They sit in
    /// the <c>dependencies</c> folder beside this assembly, where PowerShell's own probing never looks, and are handed
    /// out only to the module: on PowerShell 7 through a load context of the module's own, on Windows PowerShell through
    /// a resolve handler that answers only for the files in that folder and only to the module's assemblies.
    /// </summary>
    public sealed class ModuleInitAndCleanup : IModuleAssemblyCleanup
    {
        internal const string EngineAssemblyName = "MtaSts.Core";

        private static readonly object Gate = new object();
        private static bool registered;

        /// <summary>
        /// Called by MtaSts.psm1 before Import-Module reads the cmdlet types. It cannot be an IModuleAssemblyInitializer:
        /// PowerShell loads every type of the assembly before it runs one, and the cmdlet types name engine types.
        /// </summary>
        public static void Initialize()
        {
            lock (Gate)
            {
                if (!registered)
                {
                    string folder = Path.Combine(Path.GetDirectoryName(typeof(ModuleInitAndCleanup).Assembly.Location) ?? string.Empty, "dependencies");
                    DependencyResolver.Register(folder);
                    registered = true;
                }
            }
        }

        public void OnRemove(PSModuleInfo psModuleInfo)
        {
            lock (Gate)
            {
                DependencyResolver.Unregister();
                registered = false;
            }
        }

        /// <summary>The file for <paramref name="name"/> in <paramref name="folder"/> (satellites in their culture folder), or null.</summary>
        internal static string? FindIn(string folder, AssemblyName name)
        {
            string culture = string.IsNullOrEmpty(name.CultureName) ? string.Empty : name.CultureName!;
            string path = Path.Combine(folder, culture, name.Name + ".dll");
            return File.Exists(path) ? path : null;
        }
    }
}
