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
    /// <remarks>
    /// PowerShell loads every type of this assembly before it calls <see cref="OnImport"/>, so no type here may need the
    /// engine to load: no engine value type as a field, no engine type as a generic argument of a base class. Isolation
    /// tests load the types with the engine out of reach.
    /// </remarks>
    public sealed class ModuleInitAndCleanup : IModuleAssemblyInitializer, IModuleAssemblyCleanup
    {
        internal const string EngineAssemblyName = "MtaSts.Core";

        private static readonly object Gate = new object();
        private static bool registered;

        public void OnImport()
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
