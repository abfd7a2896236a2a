using System.Reflection;
using System.Runtime.Loader;

namespace MtaSts.PowerShell
{
    /// <summary>
    /// PowerShell 7: the engine and its dependencies load into a load context of the module's own, so another module's
    /// DnsClient (or any other shared name) never meets ours. The default context is answered only for the engine itself,
    /// the one assembly the cmdlets reference.
    /// </summary>
    internal static class DependencyResolver
    {
        private static EngineLoadContext? engine;

        public static void Register(string folder)
        {
            engine ??= new EngineLoadContext(folder);
            AssemblyLoadContext.Default.Resolving += ResolveEngine;
        }

        public static void Unregister() => AssemblyLoadContext.Default.Resolving -= ResolveEngine;

        private static Assembly? ResolveEngine(AssemblyLoadContext context, AssemblyName name) =>
            name.Name == ModuleInitAndCleanup.EngineAssemblyName && engine != null ? engine.LoadFromAssemblyName(name) : null;

        private sealed class EngineLoadContext : AssemblyLoadContext
        {
            private readonly string folder;

            public EngineLoadContext(string folder)
                : base("MtaSts")
            {
                this.folder = folder;
            }

            /// <summary>Our files from our folder; anything else (the framework) from the default context.</summary>
            protected override Assembly? Load(AssemblyName assemblyName)
            {
                string? path = ModuleInitAndCleanup.FindIn(folder, assemblyName);
                return path == null ? null : LoadFromAssemblyPath(path);
            }
        }
    }
}
